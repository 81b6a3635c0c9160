package io.mandate.issuer.exchange;

import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.id.ClientId;

import java.util.Optional;

/**
 * Resolves an {@code audience} (RFC 8693: a logical name, here a client id or a resource URI) or
 * a {@code resource} (RFC 8707: an absolute URI) to the registered client that serves it and the
 * {@code aud} value its tokens carry: the resource URI when it has one, else its client id.
 */
final class Targets {

    record Target(ClientView client, String audience) {
    }

    private final IssuerProjection projection;

    Targets(IssuerProjection projection) {
        this.projection = projection;
    }

    Optional<Target> resolve(String value) {
        Optional<ClientId> serving = projection.clientServing(value);
        if (serving.isPresent()) {
            return projection.findClient(serving.get()).filter(client -> client.kind() != null)
                    .map(client -> new Target(client, value));
        }
        ClientId id;
        try {
            id = ClientId.of(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return projection.findClient(id).filter(client -> client.kind() != null).map(Targets::canonical);
    }

    /** The target a client is addressed as when named by id: its first resource URI, else its id. */
    static Target canonical(ClientView client) {
        return new Target(client, client.resourceUris().isEmpty() ? client.clientId().value()
                : client.resourceUris().get(0));
    }
}
