package io.mandate.messages.consent;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in user refused a client's authorization request (RFC 6749 §4.1.2.1 {@code access_denied}).
 * Holds what was asked, never a code, state or PKCE value.
 *
 * @param denialId        random identifier of this decision (its stream is {@code consent:<denialId>})
 * @param clientId        the agent that asked
 * @param resource        the RFC 8707 resource it asked for
 * @param requestedScopes the scopes it asked for
 */
public record ConsentDenied(String denialId,
                            UserId userId,
                            ClientId clientId,
                            String resource,
                            Scopes requestedScopes,
                            Instant deniedAt) implements ConsentEvent {

    public static final int REVISION = 1;

    public ConsentDenied {
        Objects.requireNonNull(denialId, "denialId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(requestedScopes, "requestedScopes");
        Objects.requireNonNull(deniedAt, "deniedAt");
    }

    @Override
    public String aggregateId() {
        return "consent:" + denialId;
    }

    /** Keyed by user on Kafka: one user's consent decisions stay in order. */
    @Override
    public String partitionKey() {
        return userId.value();
    }
}
