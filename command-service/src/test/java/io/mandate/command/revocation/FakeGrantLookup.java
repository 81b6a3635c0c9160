package io.mandate.command.revocation;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A grant registry held in a list, for aggregate and cascade tests. */
final class FakeGrantLookup implements GrantLookup {

    private record Grant(GrantId grantId, UserId userId, ClientId agentId, Instant createdAt) {
    }

    private final List<Grant> active = new ArrayList<>();

    FakeGrantLookup withGrant(String grantId, String userId, String agentId, Instant createdAt) {
        active.add(new Grant(GrantId.of(grantId), UserId.of(userId), ClientId.of(agentId), createdAt));
        return this;
    }

    @Override
    public Optional<Instant> latestGrantCreatedAt(ClientId agentId) {
        return active.stream().filter(g -> g.agentId().equals(agentId)).map(Grant::createdAt).max(Instant::compareTo);
    }

    @Override
    public Optional<Instant> latestGrantCreatedAtForUser(UserId userId) {
        return active.stream().filter(g -> g.userId().equals(userId)).map(Grant::createdAt).max(Instant::compareTo);
    }

    @Override
    public List<ActiveGrant> activeGrantsOfAgent(ClientId agentId) {
        return active.stream().filter(g -> g.agentId().equals(agentId))
                .map(g -> new ActiveGrant(g.grantId(), g.createdAt())).toList();
    }

    @Override
    public List<ActiveGrant> activeGrantsOfUser(UserId userId) {
        return active.stream().filter(g -> g.userId().equals(userId))
                .map(g -> new ActiveGrant(g.grantId(), g.createdAt())).toList();
    }
}
