package io.mandate.query.grant;

/**
 * Where a grant stands. REVOKED and EXPIRED are both final; when both happened (a sweep and a
 * revocation crossing), REVOKED wins: it is the explicit act an investigator looks for.
 */
public enum GrantStatus {
    ACTIVE,
    EXPIRED,
    REVOKED
}
