package io.mandate.system;

import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads a topic outside any consumer group until the records a test waits for arrive. */
final class KafkaProbe {

    private KafkaProbe() {
    }

    /** From the beginning of the topic: at least {@code atLeast} records with the key. */
    static List<EventEnvelope> awaitRecords(String bootstrapServers, String topic, String key, int atLeast,
                                            Duration timeout) {
        return awaitEvents(bootstrapServers, topic, null, record -> key.equals(record.key()), envelope -> true, atLeast,
                timeout);
    }

    /**
     * From the records written at or after {@code since} (a busy topic need not be read from its
     * start): at least {@code atLeast} events that match.
     */
    static List<EventEnvelope> awaitEvents(String bootstrapServers, String topic, Instant since,
                                           Predicate<EventEnvelope> wanted, int atLeast, Duration timeout) {
        return awaitEvents(bootstrapServers, topic, since, record -> true, wanted, atLeast, timeout);
    }

    private static List<EventEnvelope> awaitEvents(String bootstrapServers, String topic, Instant since,
                                                   Predicate<ConsumerRecord<String, byte[]>> candidate,
                                                   Predicate<EventEnvelope> wanted, int atLeast, Duration timeout) {
        EventCodec codec = new EventCodec();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            consumer.assign(partitions);
            seek(consumer, partitions, since);
            List<EventEnvelope> found = new ArrayList<>();
            await().atMost(timeout).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (candidate.test(record)) {
                        EventEnvelope envelope = codec.decode(record.value());
                        if (wanted.test(envelope)) {
                            found.add(envelope);
                        }
                    }
                }
                return found.size() >= atLeast;
            });
            return found;
        }
    }

    private static void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant since) {
        consumer.seekToBeginning(partitions);
        if (since == null) {
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
        consumer.offsetsForTimes(times).forEach((partition, offset) -> {
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));  // nothing written since: only what comes next
            } else {
                consumer.seek(partition, offset.offset());
            }
        });
    }
}
