package io.mandate.command.registry;

import io.mandate.messages.id.ClientId;

import java.util.Optional;

/**
 * The command side's view of registered clients. Never behind the event store for this service:
 * it is updated in the transaction that stores each client event.
 */
public interface ClientRegistry {

    Optional<ClientRegistration> find(ClientId clientId);

    /**
     * The resource server or MCP server a grant's {@code audience} names: one whose client id equals
     * it or whose {@code resourceUris} contain it (RFC 8707 §2 resource indicators), whatever its status.
     */
    Optional<ClientRegistration> findAudience(String audience);
}
