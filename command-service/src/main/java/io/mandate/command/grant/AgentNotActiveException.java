package io.mandate.command.grant;

import io.mandate.command.registry.ClientStatus;
import io.mandate.messages.id.ClientId;

/**
 * A grant for an agent that is suspended or deleted: a state conflict (409), not a malformed
 * request (400) — the same request succeeds once the agent is reinstated.
 */
class AgentNotActiveException extends RuntimeException {

    AgentNotActiveException(ClientId agentId, ClientStatus status) {
        super("Agent " + agentId.value() + " is " + status.name().toLowerCase() + "; it can receive no grant.");
    }
}
