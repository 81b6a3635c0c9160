package io.mandate.system.bench.query;

import io.mandate.messages.wire.Topics;
import io.mandate.system.generator.EventGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The pipeline's sustainable throughput and CPU cost per event, one stage at a time, from a backlog: with the
 * command-service and the query-service stopped, the generator writes {@code events} ledger events straight into
 * the event store (no revocations, so no command API is needed meanwhile); then the command-service starts and
 * its {@code kafka-publisher} drains the backlog into Kafka while the query-service is still stopped; then the
 * query-service starts and its consumer group drains Kafka into Elasticsearch.
 *
 * <p>Each stage's clock runs from the first event it moved (the sum of the topics' end offsets, resp. of the
 * group's committed offsets, grew; polled every 100 ms, so a JVM's start-up is not counted) until it moved the
 * whole backlog (each round first waits until nothing is queued, so only its own backlog is counted); its CPU is the service process's {@code utime + stime} from {@code /proc} over the same window
 * (the JIT's warm-up of a freshly started JVM included, alike for every run), and Elasticsearch's beside the
 * projection's. Rates and CPU are what one stage does alone, with nothing else of the pipeline competing.
 */
final class DrainRun implements AutoCloseable {

    /** One stage's drain: events moved, seconds, and the CPU seconds of its process (and Elasticsearch's). */
    record Stage(long events, double seconds, double cpuSeconds, double elasticCpuSeconds) {
        double rate() {
            return events / seconds;
        }

        double cpuMillisPerEvent() {
            return cpuSeconds * 1_000 / events;
        }

        double elasticCpuMillisPerEvent() {
            return elasticCpuSeconds * 1_000 / events;
        }
    }

    record Round(long events, Stage publisher, Stage projection) {
    }

    private static final double TICKS_PER_SECOND = 100.0;
    private static final int GENERATOR_RATE = 50_000;

    private final QueryStack stack;
    private final String consumerGroup;
    private final Admin admin;

    DrainRun(QueryStack stack, String consumerGroup) {
        this.stack = stack;
        this.consumerGroup = consumerGroup;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.stack.kafkaBootstrapServers()));
    }

    Round round(EventGenerator generator, long events) throws Exception {
        awaitCaughtUp();
        stack.stopQueryService();
        stack.stopCommandService();
        long before = generator.rowsWritten();
        generator.runWithoutRevocations(events, GENERATOR_RATE);
        long backlog = generator.rowsWritten() - before;

        long published = endOffsets();
        Stage publisher = drain(backlog, () -> endOffsets() - published, stack::startCommandService,
                () -> stack.pid("command-service"));
        long consumed = committedOffsets();
        Stage projection = drain(backlog, () -> committedOffsets() - consumed, () -> stack.startQueryService(stack.consumerGroup()),
                () -> stack.pid("query-service"));
        return new Round(backlog, publisher, projection);
    }

    /**
     * Waits until nothing is queued anywhere (the publisher's token at the store's head, the consumer group at
     * Kafka's end): whatever an earlier run or a test left behind (a re-published history, say) would otherwise
     * be counted as this round's backlog.
     */
    private void awaitCaughtUp() throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(60);
        while (publisherBehind() > 0 || endOffsets() > committedOffsets()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not catch up within 60 minutes");
            }
            Thread.sleep(1_000); // a benchmark's own pacing: each check is three remote reads, once a second is plenty
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (waited > 2) {
            System.out.printf(java.util.Locale.ROOT, "(waited %.0f s for the pipeline to catch up before the round)%n", waited);
        }
    }

    /** Store events the {@code kafka-publisher} has not passed yet (its token's index against the store's head). */
    private long publisherBehind() throws Exception {
        try (Connection db = DriverManager.getConnection(stack.stack.jdbcUrl(), stack.stack.jdbcUsername(), stack.stack.jdbcPassword());
             Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT (SELECT MAX(global_index) FROM domain_event_entry), "
                     + "(SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = 'kafka-publisher')")) {
            result.next();
            long head = result.getLong(1);
            String token = result.getString(2);
            java.util.regex.Matcher index = token == null ? null : java.util.regex.Pattern.compile("\"index\":(\\d+)").matcher(token);
            return index != null && index.find() ? head - Long.parseLong(index.group(1)) : head;
        }
    }

    /** Starts the stage's service on another thread and times it from its first event moved to its last. */
    private Stage drain(long backlog, LongSupplier moved, Runnable start, java.util.function.Supplier<OptionalLong> pid)
            throws Exception {
        Thread starter = new Thread(start, "drain-start");
        starter.start();
        long firstAt = 0;
        long cpuAtFirst = 0;
        long elasticAtFirst = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            // Sampling, not waiting on a condition: the drain's end is timed to this 100 ms resolution,
            // against drains of tens of seconds.
            Thread.sleep(100);
            long done = moved.getAsLong();
            OptionalLong process = pid.get();
            if (firstAt == 0 && done > 0 && process.isPresent()) {
                firstAt = System.nanoTime();
                cpuAtFirst = cpuTicks(process.getAsLong());
                elasticAtFirst = elasticTicks();
            }
            if (firstAt != 0 && done >= backlog) {
                long now = System.nanoTime();
                long cpu = cpuTicks(process.orElseThrow()) - cpuAtFirst;
                long elastic = elasticTicks() - elasticAtFirst;
                starter.join();
                return new Stage(backlog, (now - firstAt) / 1e9, cpu / TICKS_PER_SECOND, elastic / TICKS_PER_SECOND);
            }
        }
        throw new IllegalStateException("the backlog of " + backlog + " events was not drained within 30 minutes");
    }

    private long endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : Topics.ALL) {
                admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(request).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read Kafka's end offsets", e);
        }
    }

    private long committedOffsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(consumerGroup).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the consumer group's offsets", e);
        }
    }

    /** utime + stime of every thread of the process, in clock ticks. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    private long elasticTicks() {
        OptionalLong pid = stack.elasticsearchPid();
        return pid.isPresent() ? cpuTicks(pid.getAsLong()) : 0;
    }

    @Override
    public void close() {
        admin.close();
    }
}
