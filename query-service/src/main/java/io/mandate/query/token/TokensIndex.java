package io.mandate.query.token;

import io.mandate.query.index.IndexDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code mandate-tokens} index: one document per issued token, with its ancestor path. */
@Configuration
public class TokensIndex {

    public static final IndexDefinition DEFINITION =
            new IndexDefinition("mandate-tokens", 1, "elasticsearch/mandate-tokens.json");

    @Bean
    IndexDefinition tokensIndexDefinition() {
        return DEFINITION;
    }
}
