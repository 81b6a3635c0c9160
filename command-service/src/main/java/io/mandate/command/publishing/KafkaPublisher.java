package io.mandate.command.publishing;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.EventType;
import io.mandate.messages.wire.StoredEventEncoder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
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
 *
 * <p>The payload is forwarded as stored: the event store's JSON goes into the envelope as it is
 * ({@link StoredEventEncoder}, byte for byte the record decoding and re-encoding made), so the publisher
 * never turns it into Java objects — that decode and the envelope's encode were most of its CPU. Only a
 * payload stored at an older revision than the catalogue's is decoded and encoded, as before.
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
    private final Serializer eventSerializer;
    private final EventCodec codec = new EventCodec();
    private final StoredEventEncoder stored = new StoredEventEncoder();

    /**
     * @param eventSerializer the event store's own serializer: with it, a stored event's payload is handed
     *                        over as the stored bytes (with any other, Axon would deserialise and serialise it)
     */
    KafkaPublisher(KafkaTemplate<String, byte[]> kafka, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.kafka = kafka;
        this.eventSerializer = eventSerializer;
    }

    /** Takes the message, not the payload: asking for the payload is what would deserialise it. */
    @EventHandler(payloadType = MandateEvent.class)
    void publish(EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)) {
            // Every Mandate event belongs to an aggregate; consumers deduplicate by (aggregateId, sequence).
            // Failing here stops the publisher loudly instead of publishing an event consumers cannot order.
            throw new IllegalStateException("event " + message.getIdentifier() + " has no aggregate sequence");
        }
        StoredEventEncoder.Record record = EventCatalog.byClass(message.getPayloadType())
                .map(type -> forwarded(type, domainEvent))
                .orElse(null);
        if (record == null) {
            record = decodedAndEncoded(domainEvent);
        }
        pendingSends().add(kafka.send(record.topic(), record.key(), record.value()));
    }

    /** The envelope around the stored payload JSON; null when it was stored at another revision. */
    private StoredEventEncoder.Record forwarded(EventType type, DomainEventMessage<?> message) {
        // Every writer of the store names the stream MandateEvent.aggregateId() (Axon's aggregates, the
        // issuer's ledger: AxonEventRows), so the stream is the envelope's aggregateId.
        SerializedObject<byte[]> payload = message.serializePayload(eventSerializer, byte[].class);
        return stored.encode(message.getIdentifier(), type, payload.getType().getRevision(),
                message.getAggregateIdentifier(), message.getSequenceNumber(), message.getTimestamp(), payload.getData());
    }

    private StoredEventEncoder.Record decodedAndEncoded(DomainEventMessage<?> message) {
        EventEnvelope envelope = EventEnvelope.wrap(message.getIdentifier(), message.getSequenceNumber(),
                message.getTimestamp(), (MandateEvent) message.getPayload());
        return new StoredEventEncoder.Record(envelope.topic(), envelope.partitionKey(), codec.encode(envelope));
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
