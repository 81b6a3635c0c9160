package io.mandate.issuer.projection;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code projection} component of {@code /actuator/health}: OUT_OF_SERVICE until the
 * projection has caught up, because a token issuer must not decide from a half-built view
 * (a grant revoked at offset n would still look active before the reader gets there).
 * A Kafka outage after catch-up keeps it UP with the error in the details: the projection then
 * is stale, not half-built, and taking every issuer out of service would stop all issuance.
 */
@Component
class ProjectionHealthIndicator implements HealthIndicator {

    private final IssuerProjection projection;
    private final ReaderProgress progress;

    ProjectionHealthIndicator(IssuerProjection projection, ReaderProgress progress) {
        this.projection = projection;
        this.progress = progress;
    }

    @Override
    public Health health() {
        ProjectionStatus status = ProjectionStatus.of(projection, progress);
        Health.Builder health = status.caughtUp() ? Health.up() : Health.outOfService();
        health.withDetail("caughtUp", status.caughtUp())
                .withDetail("grants", status.grants())
                .withDetail("clients", status.clients())
                .withDetail("partitions", status.partitions())
                .withDetail("recordsSkipped", status.recordsSkipped());
        String error = progress.lastError();
        if (error != null) {
            health.withDetail("kafkaError", error);
        }
        return health.build();
    }
}
