package io.mandate.query.faults;

import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.testdata.TestGrants;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a steady stream of one user's grants (every fourth revoked right after) from its own
 * thread until told to finish, asynchronously, with a producer that rides out a broker outage:
 * idempotent, retrying until its delivery timeout. What it published and what failed are known at
 * the end.
 */
final class EventStream implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();
    private final UserId user;
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final Set<String> grantIds = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedGrantIds = ConcurrentHashMap.newKeySet();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean finishing;
    private Thread thread;

    EventStream(String bootstrapServers, UserId user) {
        this.user = user;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 150_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 150_000), new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts publishing a grant every {@code interval}, until {@link #finish}. */
    void start(Duration interval) {
        thread = new Thread(() -> {
            try {
                for (int i = 0; !finishing; i++) {
                    publishGrant(i % 4 == 3);
                    Thread.sleep(interval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failures.add(e.toString());
            } finally {
                done.countDown();
            }
        }, "event-stream");
        thread.start();
    }

    private void publishGrant(boolean revoke) {
        GrantCreated template = TestGrants.aGrantCreated();
        Instant now = Instant.now();
        GrantCreated created = new GrantCreated(GrantId.random(), user, template.agentId(), template.audience(),
                template.scopes(), template.policy(), null, "admin", now);
        send(TestGrants.envelopeOf(created, 0, now));
        grantIds.add(created.grantId().value());
        if (revoke) {
            send(TestGrants.envelopeOf(new GrantRevoked(created.grantId(), user, created.agentId(), "fault test",
                    "responder", now), 1, now));
            revokedGrantIds.add(created.grantId().value());
        }
    }

    private void send(EventEnvelope envelope) {
        eventIds.add(envelope.eventId());
        producer.send(new ProducerRecord<>(envelope.topic(), envelope.partitionKey(), codec.encode(envelope)),
                (metadata, error) -> {
                    if (error != null) {
                        failures.add(envelope.eventId() + ": " + error);
                    }
                });
    }

    /** Ends the stream; waits until every event was published (or failed for good). */
    void finish(Duration timeout) throws InterruptedException {
        finishing = true;
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the stream did not finish in " + timeout);
        }
        producer.flush();
    }

    /** How many events were handed to the producer so far. */
    int sent() {
        return eventIds.size();
    }

    Set<String> eventIds() {
        return Set.copyOf(eventIds);
    }

    Set<String> grantIds() {
        return Set.copyOf(grantIds);
    }

    Set<String> revokedGrantIds() {
        return Set.copyOf(revokedGrantIds);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
