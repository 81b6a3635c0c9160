package io.mandate.command.registry;

/** Whether a grant still authorises anything, as the registry last saw it. */
public enum GrantStatus {
    ACTIVE,
    REVOKED,
    EXPIRED
}
