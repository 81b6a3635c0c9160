package io.mandate.messages.revocation;

import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything one agent or client holds or appears in, up to {@code revokedAt}: every grant it
 * holds and every token in which it stands anywhere in the actor chain, issued at or before that
 * instant (a watermark). Later grants and tokens are unaffected.
 */
public record ClientRevoked(ClientId clientId, String reason, String revokedBy, Instant revokedAt)
        implements RevocationEvent {

    public static final int REVISION = 1;

    public ClientRevoked {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    @Override
    public String aggregateId() {
        return "client:" + clientId.value();
    }
}
