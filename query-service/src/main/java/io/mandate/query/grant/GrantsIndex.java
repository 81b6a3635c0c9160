package io.mandate.query.grant;

import io.mandate.query.index.IndexDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code mandate-grants} index: one document per grant, its current state. */
@Configuration
public class GrantsIndex {

    public static final IndexDefinition DEFINITION =
            new IndexDefinition("mandate-grants", 1, "elasticsearch/mandate-grants.json");

    @Bean
    IndexDefinition grantsIndexDefinition() {
        return DEFINITION;
    }
}
