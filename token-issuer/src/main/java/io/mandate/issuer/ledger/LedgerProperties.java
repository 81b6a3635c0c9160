package io.mandate.issuer.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The token ledger's tuning ({@code mandate.issuer.ledger.*}); every default runs.
 *
 * @param queueCapacity          appends waiting for a writer; when full, {@code append} fails at once
 *                               ({@link LedgerUnavailableException}: the endpoint answers 503)
 * @param batchSize              most entries committed in one transaction
 * @param writers                writer threads (each commits its own batches on its own connection)
 * @param assertionPurgeInterval how often used client assertions past their expiry are deleted
 * @param assertionRetention     how long past its {@code exp} a used assertion is kept: at least the
 *                               clock skew the token endpoint tolerates, or a replay could pass
 * @param schemaRetryInterval    how often start-up work (the assertion table) is retried while the
 *                               store is unreachable
 * @param shutdownTimeout        how long stopping waits for queued appends to be committed
 */
@ConfigurationProperties("mandate.issuer.ledger")
public record LedgerProperties(Integer queueCapacity, Integer batchSize, Integer writers,
                               Duration assertionPurgeInterval, Duration assertionRetention,
                               Duration schemaRetryInterval, Duration shutdownTimeout) {

    public LedgerProperties {
        queueCapacity = positive(queueCapacity, 16_384, "queue-capacity");
        batchSize = positive(batchSize, 512, "batch-size");
        writers = positive(writers, 1, "writers");
        assertionPurgeInterval = positive(assertionPurgeInterval, Duration.ofMinutes(1), "assertion-purge-interval");
        assertionRetention = assertionRetention == null ? Duration.ofMinutes(5) : assertionRetention;
        schemaRetryInterval = positive(schemaRetryInterval, Duration.ofSeconds(5), "schema-retry-interval");
        shutdownTimeout = positive(shutdownTimeout, Duration.ofSeconds(10), "shutdown-timeout");
    }

    /** All defaults. */
    public static LedgerProperties defaults() {
        return new LedgerProperties(null, null, null, null, null, null, null);
    }

    public LedgerProperties withWriters(int count) {
        return new LedgerProperties(queueCapacity, batchSize, count, assertionPurgeInterval, assertionRetention,
                schemaRetryInterval, shutdownTimeout);
    }

    public LedgerProperties withQueueCapacity(int capacity) {
        return new LedgerProperties(capacity, batchSize, writers, assertionPurgeInterval, assertionRetention,
                schemaRetryInterval, shutdownTimeout);
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("mandate.issuer.ledger." + name + " must be at least 1");
        }
        return value;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("mandate.issuer.ledger." + name + " must be positive");
        }
        return value;
    }
}
