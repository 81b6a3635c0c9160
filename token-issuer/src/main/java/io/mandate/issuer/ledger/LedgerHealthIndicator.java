package io.mandate.issuer.ledger;

import io.mandate.messages.wire.SharedEventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.sql.SQLException;

/**
 * The {@code ledger} component of {@code /actuator/health}: DOWN while the event store cannot take
 * the issuer's events — unreachable, or its table not created yet (the command-service creates it;
 * the issuer may start first and simply waits) — because a token may not leave unrecorded.
 */
@Component
class LedgerHealthIndicator implements HealthIndicator {

    private final JdbcTokenLedger ledger;

    LedgerHealthIndicator(JdbcTokenLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Health health() {
        Health.Builder health;
        if (!ledger.isRunning()) {
            health = Health.down().withDetail("reason", "the token ledger is not running");
        } else {
            try {
                health = ledger.eventTableExists()
                        ? Health.up()
                        : Health.down().withDetail("reason", "the event table " + SharedEventStore.EVENT_TABLE
                                + " does not exist yet (the command-service creates it)");
            } catch (SQLException e) {
                health = Health.down().withDetail("reason", "the event store is unreachable");
            }
        }
        LedgerStats stats = ledger.stats();
        health.withDetail("queueDepth", stats.queueDepth())
                .withDetail("batches", stats.batches())
                .withDetail("averageBatchSize", Math.round(stats.averageBatchSize() * 10) / 10.0)
                .withDetail("failedBatches", stats.failedBatches());
        String lastFailure = ledger.lastFailure();
        if (lastFailure != null) {
            health.withDetail("lastFailure", lastFailure);
        }
        return health.build();
    }
}
