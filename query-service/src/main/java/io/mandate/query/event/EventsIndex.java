package io.mandate.query.event;

import io.mandate.query.index.IndexDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code mandate-events} index: one document per event, the source of every timeline. */
@Configuration
public class EventsIndex {

    public static final IndexDefinition DEFINITION =
            new IndexDefinition("mandate-events", 1, "elasticsearch/mandate-events.json");

    @Bean
    IndexDefinition eventsIndexDefinition() {
        return DEFINITION;
    }
}
