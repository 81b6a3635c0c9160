package io.mandate.command.revocation;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the revocation grains need to know about grants: when the newest grant of an agent or a
 * user was created (does a second watermark cover anything new?) and which grants are still
 * active (what the cascade revokes). Answered by the command side's grant registry.
 */
interface GrantLookup {

    Optional<Instant> latestGrantCreatedAt(ClientId agentId);

    Optional<Instant> latestGrantCreatedAtForUser(UserId userId);

    List<ActiveGrant> activeGrantsOfAgent(ClientId agentId);

    List<ActiveGrant> activeGrantsOfUser(UserId userId);

    /** A grant neither revoked nor expired, with the instant a watermark is compared with. */
    record ActiveGrant(GrantId grantId, Instant createdAt) {
    }
}
