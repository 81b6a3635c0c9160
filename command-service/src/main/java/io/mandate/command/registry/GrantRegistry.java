package io.mandate.command.registry;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The command side's view of grants, for revocation cascades, client/user watermarks and the expiry
 * sweep. Never behind the event store for this service: updated in the transaction of each grant event.
 */
public interface GrantRegistry {

    Optional<GrantRegistration> find(GrantId grantId);

    /** Active grants held by this agent, oldest first. */
    List<GrantId> activeGrantsOfAgent(ClientId agentId);

    /** Active grants given by this user, oldest first. */
    List<GrantId> activeGrantsOfUser(UserId userId);

    /**
     * When the newest grant involving this client was created, whatever its status: grants it holds
     * as agent and grants that name it in {@code policy.allowedNextClients}.
     */
    Optional<Instant> latestGrantCreatedAt(ClientId agentOrActor);

    /** When the newest grant given by this user was created, whatever its status. */
    Optional<Instant> latestGrantCreatedAtForUser(UserId userId);

    /** Up to {@code limit} active grants whose {@code expiresAt} is at or before {@code now}, oldest expiry first. */
    List<GrantId> dueForExpiry(Instant now, int limit);
}
