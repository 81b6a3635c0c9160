package io.mandate.messages.client;

import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.Objects;

/** A suspended client may obtain tokens again (what was revoked meanwhile stays revoked). */
public record ClientReinstated(ClientId clientId, String reason, String reinstatedBy, Instant reinstatedAt) implements ClientEvent {

    public static final int REVISION = 1;

    public ClientReinstated {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reinstatedBy, "reinstatedBy");
        Objects.requireNonNull(reinstatedAt, "reinstatedAt");
    }
}
