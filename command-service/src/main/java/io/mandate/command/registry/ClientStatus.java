package io.mandate.command.registry;

/** Where a client is in its lifecycle, as the registry last saw it. */
public enum ClientStatus {
    ACTIVE,
    SUSPENDED,
    /** Final: the id is never reused. */
    DELETED
}
