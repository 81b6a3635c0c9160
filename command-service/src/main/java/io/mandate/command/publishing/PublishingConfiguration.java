package io.mandate.command.publishing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value KafkaPublisher#PROCESSOR} tracking processor. Its token lives in PostgreSQL (Axon's
 * JPA token store), in the same transaction as nothing else: it advances only after Kafka acked.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    /** Events per transaction: amortises the token update and lets the producer batch sends. */
    static final int BATCH_SIZE = 100;

    @Bean
    ConfigurerModule kafkaPublisherProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(KafkaPublisher.PROCESSOR, config -> config.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE)
                                // From the first event, as live events: Axon 4.13's default initial token is a
                                // replay up to the head, which handlers that skip replays would silently lose
                                // (STACK.md pitfall 5).
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                // The default LoggingErrorHandler would log a failed send and move on, losing the event
                // for every consumer (STACK.md pitfall 6); propagating makes the processor retry it.
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSOR, config -> PropagatingErrorHandler.instance())
                .registerErrorHandler(KafkaPublisher.PROCESSOR, config -> PropagatingErrorHandler.instance()));
    }
}
