package io.mandate.command.eventstore;

import io.mandate.messages.wire.EventCodec;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The event store: Axon's JPA storage engine on PostgreSQL, with every event, message and token
 * serialised as JSON by the same Jackson settings the Kafka wire format uses.
 */
@Configuration(proxyBeanMethods = false)
// Listing our own package alone would drop Axon's entities (STACK.md pitfall 1).
@EntityScan(basePackages = {
        "io.mandate.command",
        "org.axonframework.eventsourcing.eventstore.jpa",
        "org.axonframework.eventhandling.tokenstore.jpa",
        "org.axonframework.modelling.saga.repository.jpa",
        "org.axonframework.eventhandling.deadletter.jpa"})
class EventStoreConfiguration {

    /**
     * The general serializer; with {@code axon.serializer.*=jackson} Axon's auto-configuration uses
     * this one for messages and events too. It uses {@link EventCodec#newObjectMapper()} rather
     * than Spring MVC's mapper so that stored events decode exactly like published ones.
     */
    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(EventCodec.newObjectMapper())
                .revisionResolver(new CatalogRevisionResolver())
                .converter(new ChainingConverter(EventStoreConfiguration.class.getClassLoader()))
                .build();
    }
}
