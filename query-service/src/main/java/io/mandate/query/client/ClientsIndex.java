package io.mandate.query.client;

import io.mandate.query.index.IndexDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code mandate-clients} index: one document per client, its current state. */
@Configuration
public class ClientsIndex {

    public static final IndexDefinition DEFINITION =
            new IndexDefinition("mandate-clients", 1, "elasticsearch/mandate-clients.json");

    @Bean
    IndexDefinition clientsIndexDefinition() {
        return DEFINITION;
    }
}
