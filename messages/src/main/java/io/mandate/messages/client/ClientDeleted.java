package io.mandate.messages.client;

import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.Objects;

/** The client is gone for good: it can never be reinstated and its id never reused. */
public record ClientDeleted(ClientId clientId, String reason, String deletedBy, Instant deletedAt) implements ClientEvent {

    public static final int REVISION = 1;

    public ClientDeleted {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deletedBy, "deletedBy");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }
}
