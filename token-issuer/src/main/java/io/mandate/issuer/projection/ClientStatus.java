package io.mandate.issuer.projection;

/** A client's lifecycle: ACTIVE → SUSPENDED → (reinstated) ACTIVE; any → DELETED (final). */
public enum ClientStatus {
    ACTIVE,
    SUSPENDED,
    DELETED
}
