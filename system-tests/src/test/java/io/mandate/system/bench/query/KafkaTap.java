package io.mandate.system.bench.query;

import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.MalformedEventException;
import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every Mandate topic from its end, outside any consumer group, and notes for each event id the record's
 * {@code CreateTime} (stamped by the command-service's producer when its {@code kafka-publisher} sent it) and the
 * instant this tap received it (the record was then readable by any consumer): two of the pipeline's stages, so
 * a slow commit → searchable can be split into store → Kafka, Kafka → indexed and indexed → searchable.
 */
final class KafkaTap implements AutoCloseable {

    /** When an event was stamped by the producer and when the tap had it, epoch milliseconds. */
    record Seen(long createdAt, long receivedAt) {
    }

    private final EventCodec codec = new EventCodec();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    KafkaTap(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "query-benchmark-tap"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : Topics.ALL) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the round writes anything
        thread = new Thread(this::poll, "kafka-tap");
        thread.setDaemon(true);
        thread.start();
    }

    Optional<Seen> seen(String eventId) {
        return Optional.ofNullable(seen.get(eventId));
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                long received = System.currentTimeMillis();
                try {
                    seen.put(codec.decode(record.value()).eventId(), new Seen(record.timestamp(), received));
                } catch (MalformedEventException | NullPointerException e) {
                    // not an event of ours: nothing to time
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
