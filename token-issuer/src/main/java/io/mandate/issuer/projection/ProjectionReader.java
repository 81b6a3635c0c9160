package io.mandate.issuer.projection;

import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Feeds the {@link IssuerProjection} from Kafka on one background thread, for as long as the
 * issuer runs; reconnects after failures, resuming where it stopped.
 *
 * <p>Every issuer holds the full projection, so it reads every partition from the beginning at
 * each start. It uses manual partition assignment without a consumer group rather than a
 * unique group id per instance: no group means no offsets committed, nothing to rebalance when
 * an issuer starts or stops (all issuers read everything anyway) and no abandoned group left
 * on the brokers by each restart. The cost: partitions added to a topic later are seen at the
 * next restart.
 */
final class ProjectionReader implements SmartLifecycle {

    static final List<String> TOPICS = List.of(Topics.GRANTS, Topics.CLIENTS, Topics.REVOCATIONS, Topics.KEYS);

    private static final Logger log = LoggerFactory.getLogger(ProjectionReader.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final EventRecordHandler handler;
    private final IssuerProjection projection;
    private final ReaderProgress progress;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final Map<TopicPartition, Long> resumeOffsets = new HashMap<>();  // reader thread only

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private volatile long startedAtNanos;

    ProjectionReader(Supplier<Consumer<String, byte[]>> consumers, EventRecordHandler handler,
                     IssuerProjection projection, ReaderProgress progress, Duration pollTimeout, Duration retryBackoff) {
        this.consumers = consumers;
        this.handler = handler;
        this.projection = projection;
        this.progress = progress;
        this.pollTimeout = pollTimeout;
        this.retryBackoff = retryBackoff;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        startedAtNanos = System.nanoTime();
        thread = new Thread(this::run, "grant-projection-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopSignal.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();  // the one thread-safe consumer method: ends a blocking poll at once
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Consumer<String, byte[]> opened = consumers.get()) {
                consumer = opened;
                if (!running) {
                    return;  // stop() came before the consumer was visible to it
                }
                ReaderSession session = new ReaderSession(opened, TOPICS, resumeOffsets, handler, this::caughtUp);
                progress.reading(session.open());
                while (running) {
                    session.pollOnce(pollTimeout);
                }
            } catch (WakeupException e) {
                // stop() woke a blocking call: the loop condition ends the thread
            } catch (RuntimeException e) {
                if (running) {
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    progress.failed(error);
                    log.warn("Projection reader cannot read Kafka, retrying in {}: {}", retryBackoff, error);
                    awaitRetry();
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void caughtUp() {
        if (!projection.isCaughtUp()) {
            projection.markCaughtUp();
            log.info("Projection caught up: {} grants, {} clients in {} ms", projection.grantCount(),
                    projection.clientCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos));
        }
    }

    private void awaitRetry() {
        try {
            stopSignal.await(retryBackoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
