package io.mandate.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the event store is read ({@code mandate.event-store.*}).
 *
 * @param pollInterval how long the store's shared reader waits, once it has read everything, before it looks
 *                     again for events another process committed: the token-issuer's ledger appends most events,
 *                     and only events this process commits wake the reader at once. Axon's default, 1 s, was on
 *                     the path of every such event to Kafka (up to 1 s of commit → searchable); an idle look is
 *                     one range query on the {@code global_index} primary key.
 */
@ConfigurationProperties("mandate.event-store")
record EventStoreProperties(Duration pollInterval) {

    EventStoreProperties {
        if (pollInterval == null) {
            pollInterval = Duration.ofMillis(100);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("mandate.event-store.poll-interval must be positive");
        }
    }
}
