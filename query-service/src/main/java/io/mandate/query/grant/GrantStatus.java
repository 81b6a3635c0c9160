package io.mandate.query.grant;

/** Where a grant stands. Revocation and expiry arrive with their events in later issues. */
public enum GrantStatus {
    ACTIVE
}
