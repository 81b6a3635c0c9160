package io.mandate.issuer.projection;

/**
 * A snapshot of the projection for operators: how much it holds and whether it may be trusted.
 *
 * @param caughtUp             whether it reached the end offsets that existed at start-up
 * @param grants               grants held (any status)
 * @param clients              clients held (any status)
 * @param userWatermarks       users with a revocation watermark
 * @param clientWatermarks     clients with a revocation watermark
 * @param revokedTokens        jtis revoked explicitly (their descendants are not counted)
 * @param partitions           Kafka partitions read
 * @param eventsApplied        events that changed the projection
 * @param eventsAlreadyApplied redeliveries and stale events skipped by sequence
 * @param recordsSkipped       malformed or inapplicable records skipped
 */
public record ProjectionStatus(boolean caughtUp,
                               int grants,
                               int clients,
                               int userWatermarks,
                               int clientWatermarks,
                               int revokedTokens,
                               int partitions,
                               long eventsApplied,
                               long eventsAlreadyApplied,
                               long recordsSkipped) {

    static ProjectionStatus of(IssuerProjection projection, ReaderProgress progress) {
        return new ProjectionStatus(projection.isCaughtUp(), projection.grantCount(), projection.clientCount(),
                projection.userWatermarkCount(), projection.clientWatermarkCount(), projection.revokedTokenCount(),
                progress.partitions(), projection.eventsApplied(), projection.eventsAlreadyApplied(),
                progress.recordsSkipped());
    }
}
