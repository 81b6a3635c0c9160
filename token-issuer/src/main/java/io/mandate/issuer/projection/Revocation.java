package io.mandate.issuer.projection;

import java.time.Instant;

/**
 * One revocation as the projection holds it: a watermark for users and clients (everything
 * issued at or before {@code revokedAt}), a mark for one jti. Carries no token content.
 */
public record Revocation(String reason, String revokedBy, Instant revokedAt) {

    /** Watermarks only ever rise: the later one covers everything the earlier one did. */
    static Revocation later(Revocation current, Revocation candidate) {
        return current != null && !candidate.revokedAt().isAfter(current.revokedAt()) ? current : candidate;
    }

    /** True when a thing issued (or created) at {@code issuedAt} falls under this watermark. */
    public boolean covers(Instant issuedAt) {
        return !revokedAt.isBefore(issuedAt);
    }
}
