package io.mandate.query.export;

import io.mandate.query.index.IndexDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code mandate-exports}: one document per export (who asked for which range, its outcome and its
 * signed manifest). Unlike the other indices it is not rebuilt by replaying Kafka: exports are not
 * events (see docs/export.md); losing it loses the companion manifest downloads, never an export's
 * verifiability, since every export file carries its manifest.
 */
@Configuration
class ExportsIndex {

    static final IndexDefinition DEFINITION =
            new IndexDefinition("mandate-exports", 1, "elasticsearch/mandate-exports.json");

    /** The events index every export reads (owned by the event feature). */
    static final String EVENTS_ALIAS = "mandate-events";

    @Bean
    IndexDefinition exportsIndexDefinition() {
        return DEFINITION;
    }
}
