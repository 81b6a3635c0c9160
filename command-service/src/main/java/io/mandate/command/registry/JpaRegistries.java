package io.mandate.command.registry;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Both registries on PostgreSQL. Reads join the caller's transaction when there is one (a command
 * handler's), so a decision sees the registry exactly as the events stored so far left it.
 */
@Component
@Transactional(readOnly = true)
class JpaRegistries implements ClientRegistry, GrantRegistry {

    private final ClientRegistrations clients;
    private final GrantRegistrations grants;

    JpaRegistries(ClientRegistrations clients, GrantRegistrations grants) {
        this.clients = clients;
        this.grants = grants;
    }

    @Override
    public Optional<ClientRegistration> find(ClientId clientId) {
        return clients.findById(clientId.value());
    }

    @Override
    public Optional<ClientRegistration> findAudience(String audience) {
        Optional<ClientRegistration> byId = clients.findById(audience);
        return byId.isPresent() ? byId : clients.findServing(audience).stream().findFirst();
    }

    @Override
    public Optional<GrantRegistration> find(GrantId grantId) {
        return grants.findById(grantId.value());
    }

    @Override
    public List<GrantId> activeGrantsOfAgent(ClientId agentId) {
        return grants.idsByAgent(agentId.value(), GrantStatus.ACTIVE).stream().map(GrantId::of).toList();
    }

    @Override
    public List<GrantId> activeGrantsOfUser(UserId userId) {
        return grants.idsByUser(userId.value(), GrantStatus.ACTIVE).stream().map(GrantId::of).toList();
    }

    @Override
    public Optional<Instant> latestGrantCreatedAt(ClientId agentOrActor) {
        return Optional.ofNullable(grants.latestCreatedAtInvolving(agentOrActor.value()));
    }

    @Override
    public Optional<Instant> latestGrantCreatedAtForUser(UserId userId) {
        return Optional.ofNullable(grants.latestCreatedAtForUser(userId.value()));
    }

    @Override
    public List<GrantId> dueForExpiry(Instant now, int limit) {
        return grants.idsExpiringBy(GrantStatus.ACTIVE, now, Limit.of(limit)).stream().map(GrantId::of).toList();
    }
}
