package io.mandate.command.revocation;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value RevocationCascade#PROCESSOR} tracking processor, its token in PostgreSQL (Axon's JPA
 * token store). A cascade that silently skipped a watermark would leave grants that look active on
 * their own timelines, so it starts from the first event and retries a failure instead of moving on.
 */
@Configuration(proxyBeanMethods = false)
class RevocationCascadeConfiguration {

    @Bean
    ConfigurerModule revocationCascadeProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(RevocationCascade.PROCESSOR, config -> config.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                // From the tail, as live events: Axon 4.13's default initial token replays
                                // history and handlers may treat a replay differently (STACK.md pitfall 5).
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                // The default LoggingErrorHandler would log and skip (STACK.md pitfall 6).
                .registerListenerInvocationErrorHandler(RevocationCascade.PROCESSOR,
                        config -> PropagatingErrorHandler.instance())
                .registerErrorHandler(RevocationCascade.PROCESSOR, config -> PropagatingErrorHandler.instance()));
    }
}
