package io.mandate.issuer.projection;

/** Where a grant stands in the issuer's projection; REVOKED and EXPIRED are final. */
public enum GrantStatus {
    ACTIVE,
    /** {@code GrantRevoked}: final, even if a {@code GrantExpired} follows. */
    REVOKED,
    /** {@code GrantExpired} (the clock already refuses the grant from its {@code expiresAt}). */
    EXPIRED
}
