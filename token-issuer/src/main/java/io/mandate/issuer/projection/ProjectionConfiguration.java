package io.mandate.issuer.projection;

import io.mandate.messages.wire.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Map;

/** Wires the projection reader to the Kafka cluster named by {@code spring.kafka.*}. */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    @Bean
    ReaderProgress readerProgress() {
        return new ReaderProgress();
    }

    @Bean
    ProjectionReader projectionReader(KafkaProperties kafka, ObjectProvider<SslBundles> sslBundles,
                                      IssuerProjection projection, ReaderProgress progress) {
        Map<String, Object> properties = consumerProperties(kafka.buildConsumerProperties(sslBundles.getIfAvailable()));
        return new ProjectionReader(
                () -> new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer()),
                new EventRecordHandler(new EventCodec(), projection, progress), projection, progress,
                Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    /** Keeps security and tuning settings from {@code spring.kafka.*}, overrides what the design needs. */
    static Map<String, Object> consumerProperties(Map<String, Object> fromSpring) {
        // No group: partitions are assigned manually and no offset is ever committed (see ProjectionReader).
        fromSpring.remove(ConsumerConfig.GROUP_ID_CONFIG);
        fromSpring.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Where retention removed a resumed offset, the oldest record still held is the right restart point.
        fromSpring.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Topics are created up front with their partition counts; a reader must never create one.
        fromSpring.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // A stable name in broker logs and quotas (Kafka would say "consumer-null-N").
        fromSpring.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "token-issuer-projection");
        return Map.copyOf(fromSpring);
    }
}
