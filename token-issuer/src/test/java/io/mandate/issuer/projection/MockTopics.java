package io.mandate.issuer.projection;

import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka's own in-memory consumer, set up with the projection topics (two partitions each), for
 * unit tests of the reading logic; the integration test reads a real broker.
 */
final class MockTopics {

    static final int PARTITIONS = 2;

    private final EventCodec codec = new EventCodec();
    final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);

    MockTopics(Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : ProjectionReader.TOPICS) {
            Node node = new Node(0, "localhost", 9092);
            consumer.updatePartitions(topic, List.of(
                    new PartitionInfo(topic, 0, node, new Node[0], new Node[0]),
                    new PartitionInfo(topic, 1, node, new Node[0], new Node[0])));
            for (int partition = 0; partition < PARTITIONS; partition++) {
                TopicPartition tp = new TopicPartition(topic, partition);
                beginnings.put(tp, 0L);
                ends.put(tp, endOffsets.getOrDefault(tp, 0L));
            }
        }
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
    }

    /** Adds an encoded envelope at the given offset; the partition must already be assigned. */
    void add(TopicPartition partition, long offset, EventEnvelope envelope) {
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                envelope.aggregateId(), codec.encode(envelope)));
    }
}
