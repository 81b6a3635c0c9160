package io.mandate.messages.token;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;

import java.time.Instant;
import java.util.Objects;

/**
 * A client obtained a token for its own identity ({@code client_credentials}, RFC 6749 §4.4): no
 * user, no grant, no actor chain; {@code sub} is the client.
 */
public record ClientTokenIssued(Jti jti,
                                ClientId clientId,
                                String audience,
                                Scopes scopes,
                                String keyId,
                                Instant issuedAt,
                                Instant expiresAt) implements TokenEvent {

    public static final int REVISION = 1;

    public ClientTokenIssued {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String aggregateId() {
        return "issued:" + jti.value();
    }

    @Override
    public String partitionKey() {
        return clientId.value();
    }
}
