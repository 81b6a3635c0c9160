package io.mandate.command.registry;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry's processor is subscribing, not tracking: it runs in the command's transaction, so
 * the next command's checks (is the agent active? is the grant still active?) never read a registry
 * that lags the event store. Errors propagate: a registry that silently missed an event would let
 * a later decision go wrong, so the command fails instead.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    ConfigurerModule registryProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(RegistryProjection.PROCESSOR)
                .registerListenerInvocationErrorHandler(RegistryProjection.PROCESSOR,
                        config -> PropagatingErrorHandler.instance()));
    }
}
