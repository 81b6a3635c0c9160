package io.mandate.issuer.projection;

import io.mandate.messages.id.GrantId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mandate.issuer.projection.TestGrants.aGrantCreated;
import static io.mandate.issuer.projection.TestGrants.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReaderSessionTest {

    private static final TopicPartition GRANTS_0 = new TopicPartition(Topics.GRANTS, 0);
    private static final TopicPartition GRANTS_1 = new TopicPartition(Topics.GRANTS, 1);

    private final IssuerProjection projection = new IssuerProjection();
    private final EventRecordHandler handler =
            new EventRecordHandler(new EventCodec(), projection, new ReaderProgress());
    private final Map<TopicPartition, Long> resumeOffsets = new HashMap<>();
    private final AtomicInteger caughtUpCalls = new AtomicInteger();

    @Test
    void openWhenTopicsAreEmptyThenCaughtUpAtOnce() {
        MockTopics topics = new MockTopics(Map.of());
        ReaderSession session = session(topics.consumer);

        int partitions = session.open();

        assertThat(partitions).isEqualTo(ProjectionReader.TOPICS.size() * MockTopics.PARTITIONS);
        assertThat(topics.consumer.assignment()).hasSize(partitions);
        assertThat(session.caughtUp()).isTrue();
        assertThat(caughtUpCalls).hasValue(1);
    }

    @Test
    void pollWhenEndOffsetsSeenAtOpenAreReachedThenCaughtUpOnce() {
        MockTopics topics = new MockTopics(Map.of(GRANTS_0, 2L, GRANTS_1, 1L));
        ReaderSession session = session(topics.consumer);
        session.open();
        GrantId first = GrantId.random();
        GrantId second = GrantId.random();
        GrantId third = GrantId.random();

        topics.add(GRANTS_0, 0, envelope(aGrantCreated(first), 0));
        topics.add(GRANTS_1, 0, envelope(aGrantCreated(second), 0));
        session.pollOnce(Duration.ZERO);
        assertThat(session.caughtUp()).as("grants-0 still has offset 1 to read").isFalse();

        topics.add(GRANTS_0, 1, envelope(aGrantCreated(third), 0));
        session.pollOnce(Duration.ZERO);
        session.pollOnce(Duration.ZERO);

        assertThat(session.caughtUp()).isTrue();
        assertThat(caughtUpCalls).hasValue(1);
        assertThat(projection.findGrant(first)).isPresent();
        assertThat(projection.findGrant(second)).isPresent();
        assertThat(projection.findGrant(third)).isPresent();
        assertThat(resumeOffsets).containsEntry(GRANTS_0, 2L).containsEntry(GRANTS_1, 1L);
    }

    @Test
    void openWhenAnEarlierSessionStoppedMidwayThenResumesThere() {
        MockTopics topics = new MockTopics(Map.of(GRANTS_0, 7L));
        resumeOffsets.put(GRANTS_0, 5L);

        session(topics.consumer).open();

        assertThat(topics.consumer.position(GRANTS_0)).isEqualTo(5L);
        assertThat(topics.consumer.position(GRANTS_1)).isZero();
    }

    @Test
    void openWhenATopicDoesNotExistThenFailsNamingIt() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);

        assertThatThrownBy(() -> session(consumer).open())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Topics.GRANTS);
        assertThat(caughtUpCalls).hasValue(0);
    }

    private ReaderSession session(MockConsumer<String, byte[]> consumer) {
        return new ReaderSession(consumer, List.copyOf(ProjectionReader.TOPICS), resumeOffsets, handler,
                caughtUpCalls::incrementAndGet);
    }
}
