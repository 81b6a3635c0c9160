package io.mandate.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long an event search's point in time stays open between two pages
 * ({@code MANDATE_SEARCH_KEEP_ALIVE}). Each page extends it; an abandoned search frees it when it
 * runs out. Bounded, because every open point in time pins index segments and counts against
 * Elasticsearch's limit of open search contexts.
 */
@ConfigurationProperties("mandate.query.search")
record SearchProperties(@DefaultValue("1m") Duration keepAlive) {

    static final Duration MAX_KEEP_ALIVE = Duration.ofMinutes(10);

    SearchProperties {
        if (keepAlive.toSeconds() < 1 || keepAlive.compareTo(MAX_KEEP_ALIVE) > 0) {
            throw new IllegalArgumentException("mandate.query.search.keep-alive must be between 1s and "
                    + MAX_KEEP_ALIVE.toMinutes() + "m, not " + keepAlive);
        }
    }

    /** Elasticsearch's time unit syntax. */
    String keepAliveAsTime() {
        return keepAlive.toSeconds() + "s";
    }
}
