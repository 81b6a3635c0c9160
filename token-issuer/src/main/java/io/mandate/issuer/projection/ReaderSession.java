package io.mandate.issuer.projection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kafka consumer's pass over the projection topics: assigns every partition, starts from
 * the beginning (or where an earlier session of this process stopped) and tells when it has
 * reached the end offsets that existed when it opened. Used by the reader thread only.
 */
final class ReaderSession {

    private static final Logger log = LoggerFactory.getLogger(ReaderSession.class);

    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Map<TopicPartition, Long> resumeOffsets;
    private final EventRecordHandler handler;
    private final Runnable onCaughtUp;
    private Map<TopicPartition, Long> pending = Map.of();

    /**
     * @param resumeOffsets next offset to read per partition, kept by the reader across sessions
     *                      so a reconnect does not re-read everything; updated by this session
     */
    ReaderSession(Consumer<String, byte[]> consumer, List<String> topics, Map<TopicPartition, Long> resumeOffsets,
                  EventRecordHandler handler, Runnable onCaughtUp) {
        this.consumer = consumer;
        this.topics = topics;
        this.resumeOffsets = resumeOffsets;
        this.handler = handler;
        this.onCaughtUp = onCaughtUp;
    }

    /** @return the number of partitions assigned; fails when a topic does not exist (yet) */
    int open() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = resumeOffsets.get(partition);
            if (next == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, next);
            }
        }
        consumer.seekToBeginning(fromStart);
        pending = new HashMap<>(consumer.endOffsets(partitions));
        log.info("Reading {} partitions of {} up to end offsets {}", partitions.size(), topics, pending);
        checkCaughtUp();
        return partitions.size();
    }

    void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            handler.handle(record);
            resumeOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        checkCaughtUp();
    }

    boolean caughtUp() {
        return pending.isEmpty();
    }

    private void checkCaughtUp() {
        if (pending.isEmpty()) {
            return;
        }
        // position() is the next offset to read: at or past the end seen at open = nothing older is missing.
        pending.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        if (pending.isEmpty()) {
            onCaughtUp.run();
        }
    }
}
