package io.mandate.command.revocation;

import io.mandate.command.registry.GrantRegistry;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link GrantLookup} on the command side's grant registry. The registry is updated in the
 * transaction of every grant event, so what it answers here is never behind the event store.
 */
@Component
class RegistryGrantLookup implements GrantLookup {

    private final GrantRegistry registry;

    RegistryGrantLookup(GrantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Instant> latestGrantCreatedAt(ClientId agentId) {
        return registry.latestGrantCreatedAt(agentId);
    }

    @Override
    public Optional<Instant> latestGrantCreatedAtForUser(UserId userId) {
        return registry.latestGrantCreatedAtForUser(userId);
    }

    @Override
    public List<ActiveGrant> activeGrantsOfAgent(ClientId agentId) {
        return withCreationTimes(registry.activeGrantsOfAgent(agentId));
    }

    @Override
    public List<ActiveGrant> activeGrantsOfUser(UserId userId) {
        return withCreationTimes(registry.activeGrantsOfUser(userId));
    }

    private List<ActiveGrant> withCreationTimes(List<GrantId> grantIds) {
        return grantIds.stream()
                .map(registry::find)
                .flatMap(Optional::stream)
                .map(grant -> new ActiveGrant(grant.grantId(), grant.createdAt()))
                .toList();
    }
}
