package io.mandate.command.support;

import io.mandate.infra.testkit.TestStack;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Reads one topic from the beginning, in a consumer group of its own, decoding envelopes. */
public final class TopicRecords implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    private final EventCodec codec = new EventCodec();

    public TopicRecords(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "command-service-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until at least {@code count} envelopes with this key have arrived; returns them all, in order. */
    public List<EventEnvelope> awaitEnvelopes(String key, int count) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            return seen.stream().filter(record -> key.equals(record.key()))
                    .map(record -> codec.decode(record.value())).toList();
        }, envelopes -> envelopes.size() >= count);
    }

    /** Polls until at least {@code count} records with this key have arrived; returns them all, in order. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String key, int count) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            return seen.stream().filter(record -> key.equals(record.key())).toList();
        }, records -> records.size() >= count);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
