package io.mandate.messages.client;

import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's token-endpoint credentials were set: at registration, or by a rotation that
 * replaces the previous ones at once. Carries a hash or public keys only (see {@link ClientCredentials}).
 */
public record ClientCredentialsSet(ClientId clientId, ClientCredentials credentials, String setBy, Instant setAt)
        implements ClientEvent {

    public static final int REVISION = 1;

    public ClientCredentialsSet {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
    }
}
