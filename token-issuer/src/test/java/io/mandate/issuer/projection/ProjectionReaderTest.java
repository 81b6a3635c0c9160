package io.mandate.issuer.projection;

import io.mandate.messages.id.GrantId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.mandate.issuer.projection.TestGrants.aGrantCreated;
import static io.mandate.issuer.projection.TestGrants.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProjectionReaderTest {

    private static final TopicPartition GRANTS_0 = new TopicPartition(Topics.GRANTS, 0);

    private final IssuerProjection projection = new IssuerProjection();
    private final ReaderProgress progress = new ReaderProgress();
    private ProjectionReader reader;

    @AfterEach
    void stopReader() {
        if (reader != null) {
            reader.stop();
        }
    }

    @Test
    void startWhenKafkaFailsFirstThenReportsRetriesAndCatchesUp() {
        MockTopics topics = new MockTopics(Map.of(GRANTS_0, 1L));
        GrantId grantId = GrantId.random();
        // The record is added once the reader has assigned the partitions (MockConsumer's rule).
        topics.consumer.schedulePollTask(() -> topics.add(GRANTS_0, 0, envelope(aGrantCreated(grantId), 0)));
        AtomicInteger attempts = new AtomicInteger();
        Supplier<Consumer<String, byte[]>> consumers = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new KafkaException("broker unreachable");
            }
            return topics.consumer;
        };
        reader = reader(consumers);

        reader.start();

        await().atMost(Duration.ofSeconds(10)).until(projection::isCaughtUp);
        assertThat(attempts).hasValue(2);
        assertThat(projection.findGrant(grantId)).isPresent();
        assertThat(progress.lastError()).as("cleared once reading works").isNull();
        assertThat(progress.partitions()).isEqualTo(ProjectionReader.TOPICS.size() * MockTopics.PARTITIONS);
    }

    @Test
    void startWhenKafkaKeepsFailingThenNotCaughtUpAndErrorReported() {
        reader = reader(() -> {
            throw new KafkaException("broker unreachable");
        });

        reader.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> progress.lastError() != null);
        assertThat(progress.lastError()).contains("broker unreachable");
        assertThat(projection.isCaughtUp()).isFalse();
    }

    @Test
    void stopWhenReadingThenTheReaderThreadEnds() {
        MockTopics topics = new MockTopics(Map.of());
        reader = reader(() -> topics.consumer);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(projection::isCaughtUp);

        reader.stop();

        assertThat(reader.isRunning()).isFalse();
        assertThat(topics.consumer.closed()).as("consumer closed on the way out").isTrue();
    }

    private ProjectionReader reader(Supplier<Consumer<String, byte[]>> consumers) {
        return new ProjectionReader(consumers, new EventRecordHandler(new EventCodec(), projection, progress),
                projection, progress, Duration.ofMillis(10), Duration.ofMillis(20));
    }
}
