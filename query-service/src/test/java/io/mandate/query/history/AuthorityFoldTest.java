package io.mandate.query.history;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.testdata.TestClients;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-made histories, each told in the order it was recorded, asked about at T. */
class AuthorityFoldTest {

    private static final Instant T = Instant.parse("2026-11-29T12:00:00Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final ClientId AGENT = ClientId.of("agent-1");

    private final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void atWhenGrantCreatedBeforeTThenListedWithScopesPolicyAndSince() {
        GrantCreated grant = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));

        List<Authority> authorities = AuthorityFold.at(T, history);

        assertThat(authorities).hasSize(1);
        Authority authority = authorities.get(0);
        assertThat(authority.grantId()).isEqualTo(grant.grantId().value());
        assertThat(authority.userId()).isEqualTo("alice");
        assertThat(authority.agentId()).isEqualTo("agent-1");
        assertThat(authority.audience()).isEqualTo("https://calendar.example.com");
        assertThat(authority.scopes()).containsExactly("calendar.read", "calendar.write");
        assertThat(authority.policy().allowedNextClients()).containsExactly("mcp-a", "mcp-b");
        assertThat(authority.policy().allowedNextKinds()).containsExactly("MCP_SERVER");
        assertThat(authority.policy().maxDepth()).isEqualTo(2);
        assertThat(authority.policy().approvalScopes()).containsExactly("calendar.write");
        assertThat(authority.since()).isEqualTo(T.minusSeconds(3600));
        assertThat(authority.expiresAt()).isNull();
    }

    @Test
    void atWhenGrantRevokedAfterTThenStillListed() {
        GrantCreated grant = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestGrants.revoked(grant, T.plusSeconds(1)), 1, T.plusSeconds(1));

        assertThat(grantIds(AuthorityFold.at(T, history))).containsExactly(grant.grantId().value());
    }

    @Test
    void atWhenGrantRevokedBeforeTThenAbsent() {
        GrantCreated revoked = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestGrants.revoked(revoked, T.minusSeconds(60)), 1, T.minusSeconds(60));
        GrantCreated other = record(grant(ALICE, AGENT, T.minusSeconds(30), null));

        assertThat(grantIds(AuthorityFold.at(T, history))).containsExactly(other.grantId().value());
    }

    @Test
    void atWhenRevokedExactlyAtTThenAbsent() {
        GrantCreated grant = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestGrants.revoked(grant, T), 1, T);

        assertThat(AuthorityFold.at(T, history)).isEmpty();
    }

    @Test
    void atWhenGrantCreatedAfterTThenAbsent() {
        record(grant(ALICE, AGENT, T.plusMillis(1), null));

        assertThat(AuthorityFold.at(T, history)).isEmpty();
    }

    @Test
    void atWhenExpiresAtPassedByTThenAbsentEvenBeforeTheExpirySweepRecordedIt() {
        record(grant(ALICE, AGENT, T.minusSeconds(3600), T.minusSeconds(1)));
        GrantCreated later = record(grant(ALICE, AGENT, T.minusSeconds(3600), T.plusSeconds(1)));

        assertThat(grantIds(AuthorityFold.at(T, history))).containsExactly(later.grantId().value());
    }

    @Test
    void atWhenGrantExpiredRecordedBeforeTThenAbsent() {
        GrantCreated grant = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestGrants.expired(grant, T.minusSeconds(5)), 1, T.minusSeconds(5));

        assertThat(AuthorityFold.at(T, history)).isEmpty();
    }

    @Test
    void atWhenClientWatermarkBeforeTThenOlderGrantsOfThatAgentAbsentAndNewerOnesStand() {
        GrantCreated covered = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        GrantCreated otherAgent = record(grant(ALICE, ClientId.of("agent-2"), T.minusSeconds(3600), null));
        record(TestClients.clientRevoked(AGENT, T.minusSeconds(600)), 0, T.minusSeconds(600));
        GrantCreated afterWatermark = record(grant(ALICE, AGENT, T.minusSeconds(300), null));

        assertThat(grantIds(AuthorityFold.at(T, history)))
                .containsExactly(otherAgent.grantId().value(), afterWatermark.grantId().value())
                .doesNotContain(covered.grantId().value());
    }

    @Test
    void atWhenClientWatermarkAfterTThenGrantStillListed() {
        GrantCreated grant = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestClients.clientRevoked(AGENT, T.plusSeconds(600)), 0, T.plusSeconds(600));

        assertThat(grantIds(AuthorityFold.at(T, history))).containsExactly(grant.grantId().value());
    }

    @Test
    void atWhenUserWatermarkBeforeTThenThatUsersOlderGrantsAbsent() {
        record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        GrantCreated bobs = record(grant(UserId.of("bob"), AGENT, T.minusSeconds(3600), null));
        record(TestClients.userRevoked(ALICE, T.minusSeconds(60)), 0, T.minusSeconds(60));

        assertThat(grantIds(AuthorityFold.at(T, history))).containsExactly(bobs.grantId().value());
    }

    @Test
    void atWhenAgentSuspendedAtTThenAbsentAndWhenReinstatedBeforeTThenListed() {
        GrantCreated grant = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestClients.suspended(AGENT, T.minusSeconds(600)), 1, T.minusSeconds(600));
        record(TestClients.reinstated(AGENT, T.minusSeconds(300)), 2, T.minusSeconds(300));
        record(TestClients.suspended(AGENT, T.plusSeconds(300)), 3, T.plusSeconds(300));

        assertThat(AuthorityFold.at(T.minusSeconds(400), history)).isEmpty();
        assertThat(grantIds(AuthorityFold.at(T, history))).containsExactly(grant.grantId().value());
        assertThat(AuthorityFold.at(T.plusSeconds(300), history)).isEmpty();
    }

    @Test
    void atWhenAgentDeletedBeforeTThenAbsentEvenIfReinstatedLater() {
        record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestClients.deleted(AGENT, T.minusSeconds(600)), 1, T.minusSeconds(600));
        record(TestClients.reinstated(AGENT, T.minusSeconds(300)), 2, T.minusSeconds(300));

        assertThat(AuthorityFold.at(T, history)).isEmpty();
    }

    @Test
    void atWhenHistoryArrivesOutOfOrderThenSameAnswer() {
        GrantCreated grant = record(grant(ALICE, AGENT, T.minusSeconds(3600), null));
        record(TestClients.suspended(AGENT, T.minusSeconds(600)), 1, T.minusSeconds(600));
        record(TestClients.reinstated(AGENT, T.minusSeconds(300)), 2, T.minusSeconds(300));
        List<EventEnvelope> reversed = new ArrayList<>(history);
        java.util.Collections.reverse(reversed);

        assertThat(grantIds(AuthorityFold.at(T, reversed))).containsExactly(grant.grantId().value());
    }

    private GrantCreated record(GrantCreated grant) {
        record(grant, 0, grant.createdAt());
        return grant;
    }

    private void record(MandateEvent event, long sequence, Instant occurredAt) {
        history.add(EventEnvelope.wrap("evt-" + UUID.randomUUID(), sequence, occurredAt, event));
    }

    private static GrantCreated grant(UserId user, ClientId agent, Instant createdAt, Instant expiresAt) {
        return new GrantCreated(GrantId.random(), user, agent, "https://calendar.example.com",
                Scopes.of("calendar.write", "calendar.read"),
                new DelegationPolicy(java.util.Set.of(ClientId.of("mcp-b"), ClientId.of("mcp-a")),
                        java.util.Set.of(io.mandate.messages.grant.ClientKind.MCP_SERVER), 2, Scopes.of("calendar.write")),
                expiresAt, "admin", createdAt);
    }

    private static List<String> grantIds(List<Authority> authorities) {
        return authorities.stream().map(Authority::grantId).toList();
    }
}
