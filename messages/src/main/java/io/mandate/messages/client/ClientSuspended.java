package io.mandate.messages.client;

import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.Objects;

/** The client may not obtain or exchange tokens until reinstated; its grants survive. */
public record ClientSuspended(ClientId clientId, String reason, String suspendedBy, Instant suspendedAt) implements ClientEvent {

    public static final int REVISION = 1;

    public ClientSuspended {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(suspendedBy, "suspendedBy");
        Objects.requireNonNull(suspendedAt, "suspendedAt");
    }
}
