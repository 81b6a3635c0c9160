package io.mandate.query.ingest;

import io.mandate.messages.wire.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Measures how far the projection is behind Kafka, for the whole consumer group (all instances):
 * every few seconds, with its own admin client (a consumer is not thread-safe, and the group's
 * committed offsets are what survive a restart). Published as the gauge {@code mandate.projection.lag}
 * per topic and partition, and shown in the {@code kafkaConsumer} health details. A failed
 * measurement (Kafka unreachable) keeps the last values and says so.
 */
@Component
class ProjectionLag implements DisposableBean {

    static final String LAG_METER = "mandate.projection.lag";
    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final String groupId;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<LagSnapshot> snapshot = new AtomicReference<>(LagSnapshot.NONE);
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-lag");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionLag(KafkaAdmin kafkaAdmin, KafkaProperties kafka, MeterRegistry registry, Clock clock) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put("client.id", "mandate-query-lag");
        this.admin = Admin.create(config);
        this.groupId = kafka.getConsumer().getGroupId();
        this.registry = registry;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    LagSnapshot current() {
        return snapshot.get();
    }

    /** One measurement; public to the package so a test can measure now rather than wait. */
    void refresh() {
        try {
            Map<TopicPartition, Long> lag = measure();
            Map<String, Long> byPartition = new HashMap<>();
            lag.forEach((partition, records) -> {
                byPartition.put(partition.toString(), records);
                register(partition);
            });
            snapshot.set(new LagSnapshot(byPartition, clock.instant(), null));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            snapshot.set(snapshot.get().failed(cause.getClass().getSimpleName(), clock.instant()));
            log.debug("Measuring the projection lag failed: {}", cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<TopicPartition, Long> measure() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = topics.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            // Nothing committed yet: the group will start at the log start (auto.offset.reset=earliest).
            long position = done != null ? done.offset() : starts.getOrDefault(partition, 0L);
            lag.put(partition, Math.max(0, ends.getOrDefault(partition, 0L) - position));
        }
        return lag;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private void register(TopicPartition partition) {
        String key = partition.toString();
        if (registered.add(key)) {
            Gauge.builder(LAG_METER, snapshot, current -> current.get().byPartition().getOrDefault(key, 0L))
                    .tags(Tags.of("topic", partition.topic(), "partition", Integer.toString(partition.partition())))
                    .baseUnit("records")
                    .description("Records on the topic-partition the query-service's consumer group has not applied yet")
                    .register(registry);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
