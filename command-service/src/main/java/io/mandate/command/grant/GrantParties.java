package io.mandate.command.grant;

import io.mandate.command.registry.ClientRegistration;
import io.mandate.command.registry.ClientRegistry;
import io.mandate.command.registry.ClientStatus;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of a new grant that depend on registered clients: the agent may hold the scopes
 * (RFC 8693 §2.1 {@code scope} can only narrow what the client may ever hold), the audience is a
 * resource it can be issued for (RFC 8707 §2), and every client the policy names exists.
 * Read from the registry inside the command's transaction, so it sees every client event stored before.
 */
final class GrantParties {

    private static final Set<ClientKind> AGENT_KINDS = Set.of(ClientKind.AGENT, ClientKind.MCP_SERVER);
    private static final Set<ClientKind> SERVER_KINDS = Set.of(ClientKind.RESOURCE_SERVER, ClientKind.MCP_SERVER);

    private GrantParties() {
    }

    static void require(CreateGrant command, ClientRegistry clients) {
        ClientRegistration agent = clients.find(command.agentId())
                .orElseThrow(() -> new InvalidFieldException("agentId", "is not a registered client"));
        if (!AGENT_KINDS.contains(agent.kind())) {
            throw new InvalidFieldException("agentId", "is a " + agent.kind() + "; only an AGENT or MCP_SERVER holds grants");
        }
        if (agent.status() != ClientStatus.ACTIVE) {
            // The request is well-formed; the agent's state forbids it, and reinstating the agent would allow it.
            throw new AgentNotActiveException(command.agentId(), agent.status());
        }
        Scopes excess = excess(command.scopes(), agent.allowedScopes());
        if (!excess.isEmpty()) {
            throw new InvalidFieldException("scopes", "exceed what " + command.agentId().value()
                    + " may hold; not allowed: " + excess);
        }
        boolean knownAudience = clients.findAudience(command.audience())
                .filter(server -> SERVER_KINDS.contains(server.kind()) && server.isActive())
                .isPresent();
        if (!knownAudience) {
            throw new InvalidFieldException("audience",
                    "is not the client id or a resource URI of an active resource server or MCP server");
        }
        // Sorted, so the refusal names the same client every time.
        for (ClientId next : command.policy().allowedNextClients().stream()
                .sorted(Comparator.comparing(ClientId::value)).toList()) {
            boolean registered = clients.find(next).filter(c -> c.status() != ClientStatus.DELETED).isPresent();
            if (!registered) {
                throw new InvalidFieldException("policy.allowedNextClients",
                        "'" + next.value() + "' is not a registered client");
            }
        }
    }

    private static Scopes excess(Scopes requested, Scopes allowed) {
        TreeSet<String> excess = new TreeSet<>(requested.values());
        excess.removeAll(allowed.values());
        return Scopes.of(excess);
    }
}
