package io.mandate.query.support;

import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A plain Kafka producer speaking the wire contract (key = the envelope's partition key, value = codec bytes). */
public final class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();

    public EventProducer(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes like the command side does; returns where the record landed. */
    public RecordMetadata publish(EventEnvelope envelope) {
        return send(new ProducerRecord<>(envelope.topic(), envelope.partitionKey(), codec.encode(envelope)));
    }

    /** Publishes onto one partition, so a test knows what the consumer has read before it. */
    public RecordMetadata publish(EventEnvelope envelope, int partition) {
        return send(new ProducerRecord<>(envelope.topic(), partition, envelope.partitionKey(), codec.encode(envelope)));
    }

    public RecordMetadata publishRaw(String topic, int partition, String key, String value) {
        return send(new ProducerRecord<>(topic, partition, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
