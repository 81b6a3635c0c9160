package io.mandate.command.publishing;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka as an {@link EventEnvelope}, keyed by
 * {@link EventEnvelope#partitionKey()}: the aggregate, so one aggregate's events stay ordered on one
 * partition, except for the token-issuer's token events (one-event streams), keyed by their grant (or
 * client) so a chain of tokens stays in order. Every event in the store is published, including those
 * the token-issuer appended to it. Runs in the {@value #PROCESSOR} tracking
 * processor: a batch's sends go out together and the batch (and so the processor's token) only
 * commits once Kafka has acknowledged every one of them. A failure rolls the batch back and the
 * processor retries it: delivery is at-least-once, never at-most-once.
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSOR)
@AllowReplay // a replay re-publishes history, which is what rebuilding downstream projections needs
class KafkaPublisher {

    static final String PROCESSOR = "kafka-publisher";

    /** Generous: the producer's own delivery.timeout.ms fails a send first. */
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private static final String PENDING_SENDS = KafkaPublisher.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec = new EventCodec();

    KafkaPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @EventHandler
    void publish(MandateEvent event, EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)) {
            // Every Mandate event belongs to an aggregate; consumers deduplicate by (aggregateId, sequence).
            // Failing here stops the publisher loudly instead of publishing an event consumers cannot order.
            throw new IllegalStateException("event " + message.getIdentifier() + " has no aggregate sequence");
        }
        EventEnvelope envelope = EventEnvelope.wrap(message.getIdentifier(), domainEvent.getSequenceNumber(),
                message.getTimestamp(), event);
        pendingSends().add(kafka.send(envelope.topic(), envelope.partitionKey(), codec.encode(envelope)));
    }

    /** The batch's sends, awaited once before the batch commits. */
    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private static void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublishingException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new KafkaPublishingException("Kafka did not acknowledge an event", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaPublishingException("Kafka did not acknowledge within " + ACK_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Rolls the batch back so the processor retries it. */
    static final class KafkaPublishingException extends RuntimeException {
        KafkaPublishingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
