package io.mandate.query.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The consumer group's lag as last measured: per topic-partition, end offset minus the group's
 * committed offset (minus the log start when the group has committed nothing there yet).
 *
 * @param byPartition "topic-partition" → records not yet applied
 * @param measuredAt  when it was measured, or {@code null} if never
 * @param error       why the last measurement failed (the values are then the previous ones), or {@code null}
 */
record LagSnapshot(Map<String, Long> byPartition, Instant measuredAt, String error) {

    static final LagSnapshot NONE = new LagSnapshot(Map.of(), null, null);

    LagSnapshot {
        byPartition = Map.copyOf(byPartition);
    }

    long total() {
        return byPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> byTopic() {
        Map<String, Long> topics = new TreeMap<>();
        byPartition.forEach((partition, lag) ->
                topics.merge(partition.substring(0, partition.lastIndexOf('-')), lag, Long::sum));
        return topics;
    }

    LagSnapshot failed(String reason, Instant at) {
        return new LagSnapshot(byPartition, measuredAt, reason + " (at " + at + ")");
    }
}
