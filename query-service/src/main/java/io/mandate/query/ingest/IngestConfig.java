package io.mandate.query.ingest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Map;

/**
 * The delivery semantics of the ingest loop, fixed in code rather than left to configuration:
 * raw byte values (the wire contract), no auto-commit, batch listener with manual acknowledgment,
 * and a batch retried with back-off for as long as Elasticsearch refuses it.
 */
@Configuration
class IngestConfig {

    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_INTERVAL_MILLIS = 30_000;

    @Bean
    DefaultKafkaConsumerFactoryCustomizer ingestDeserializers() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.setCommonErrorHandler(retryUntilIndexed());
        return factory;
    }

    /**
     * Never gives up: skipping a batch would lose events from the query side. Permanent per-record
     * problems never reach here (the listener skips malformed records and rejected documents).
     */
    private static DefaultErrorHandler retryUntilIndexed() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY_MILLIS, 2.0);
        backOff.setMaxInterval(MAX_RETRY_INTERVAL_MILLIS);
        return new DefaultErrorHandler(backOff);
    }
}
