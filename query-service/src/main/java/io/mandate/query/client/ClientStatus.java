package io.mandate.query.client;

/** A client's lifecycle: ACTIVE ⇄ SUSPENDED; any → DELETED, which is final. */
public enum ClientStatus {
    ACTIVE,
    SUSPENDED,
    DELETED
}
