package io.mandate.issuer.support;

import io.mandate.infra.testkit.TestStack;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A plain producer on the test stack's Kafka, publishing envelopes exactly as the command side
 * does (topic from the catalogue, key = aggregate id), each send acknowledged before it returns.
 */
public final class StackProducer implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());

    public void publish(EventEnvelope envelope) throws ExecutionException, InterruptedException {
        send(envelope.topic(), envelope.aggregateId(), codec.encode(envelope));
    }

    /** Any bytes under any key: for records that are not envelopes at all. */
    public void send(String topic, String key, byte[] value) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    public int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    @Override
    public void close() {
        producer.close();
    }
}
