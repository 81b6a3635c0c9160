package io.mandate.query.token;

/**
 * Where a token (or grant) stands now. When several facts apply, the strongest names the status:
 * a revocation (final, a responder's act) over a suspension (may be lifted) over expiry.
 */
public enum TokenStatus {
    ACTIVE,
    SUSPENDED,
    EXPIRED,
    REVOKED
}
