package io.mandate.issuer.ledger;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.mandate.issuer.ledger.LedgerTestData.T0;
import static io.mandate.issuer.ledger.LedgerTestData.aCheck;
import static org.assertj.core.api.Assertions.assertThat;

class AuthorityRulesTest {

    private static final Instant NS_BEFORE_T0 = T0.minusNanos(1);
    private final List<AuthorityFacts.Stored> store = new ArrayList<>();

    private final AuthorityCheck plain = aCheck("grt_1", "alice", "agent")
            .actor("mcp", T0.plusSeconds(60)).actor("agent", T0).lineage("root", "parent").build();

    @Test
    void judgeWhenStoreHoldsNothingThenNotRefused() {
        assertThat(judge(plain)).isEmpty();
    }

    @Test
    void judgeWhenGrantRevokedOrExpiredThenGrantGrain() {
        stored(new GrantRevoked(GrantId.of("grt_1"), UserId.of("alice"), ClientId.of("agent"), "leak", "sec", T0), 1);
        assertThat(judge(plain)).get().extracting(LedgerOutcome.Refused::grain).isEqualTo(Grain.GRANT);

        store.clear();
        stored(new GrantExpired(GrantId.of("grt_1"), UserId.of("alice"), ClientId.of("agent"), T0), 1);
        assertThat(judge(plain)).get().satisfies(refused -> {
            assertThat(refused.grain()).isEqualTo(Grain.GRANT);
            assertThat(refused.reason()).contains("expired");
        });
    }

    @Test
    void judgeWhenAnotherGrantRevokedThenNotRefused() {
        stored(new GrantRevoked(GrantId.of("grt_2"), UserId.of("alice"), ClientId.of("agent"), "leak", "sec", T0), 1);
        assertThat(judge(plain)).isEmpty();
    }

    @Test
    void judgeWhenUserWatermarkAtGrantCreationThenUserGrainAndJustBeforeThenNot() {
        stored(new UserRevoked(UserId.of("alice"), "takeover", "sec", NS_BEFORE_T0), 0);
        assertThat(judge(plain)).as("watermark 1 ns before the grant").isEmpty();

        stored(new UserRevoked(UserId.of("alice"), "takeover", "sec", T0), 1);
        assertThat(judge(plain)).get().extracting(LedgerOutcome.Refused::grain).isEqualTo(Grain.USER);
    }

    @Test
    void judgeWhenActorWatermarkAtItsSinceThenClientGrainAndJustBeforeThenNot() {
        stored(new ClientRevoked(ClientId.of("mcp"), "compromised", "sec", T0.plusSeconds(60).minusNanos(1)), 0);
        assertThat(judge(plain)).as("before the mcp joined").isEmpty();

        stored(new ClientRevoked(ClientId.of("mcp"), "compromised", "sec", T0.plusSeconds(60)), 1);
        assertThat(judge(plain)).get().satisfies(refused -> {
            assertThat(refused.grain()).isEqualTo(Grain.CLIENT);
            assertThat(refused.reason()).contains("mcp");
        });
    }

    @Test
    void judgeWhenAgentWatermarkAtGrantCreationThenClientGrain() {
        stored(new ClientRevoked(ClientId.of("agent"), "compromised", "sec", T0), 0);
        assertThat(judge(plain)).get().extracting(LedgerOutcome.Refused::grain).isEqualTo(Grain.CLIENT);
    }

    @Test
    void judgeWhenActorLatestLifecycleIsSuspendedOrDeletedThenSuspendedGrain() {
        stored(suspended("mcp"), 3);
        assertThat(judge(plain)).get().extracting(LedgerOutcome.Refused::grain).isEqualTo(Grain.SUSPENDED);

        store.clear();
        stored(new ClientDeleted(ClientId.of("agent"), "gone", "admin", T0), 5);
        assertThat(judge(plain)).get().satisfies(refused -> {
            assertThat(refused.grain()).isEqualTo(Grain.SUSPENDED);
            assertThat(refused.reason()).contains("deleted");
        });
    }

    @Test
    void judgeWhenSuspendedThenReinstatedThenNotRefusedWhateverTheRowOrder() {
        // Rows come back in any order: the sequence number decides which is the latest.
        stored(new ClientReinstated(ClientId.of("mcp"), "cleared", "admin", T0), 4);
        stored(suspended("mcp"), 3);
        assertThat(judge(plain)).isEmpty();

        stored(suspended("mcp"), 5);
        assertThat(judge(plain)).get().extracting(LedgerOutcome.Refused::grain).isEqualTo(Grain.SUSPENDED);
    }

    @Test
    void judgeWhenLifecycleEventOfTheRevocationStreamThenOnlyTheBareClientStreamCounts() {
        // A client's lifecycle lives in its own stream (the bare id), never under client:<id>.
        store.add(new AuthorityFacts.Stored("client:mcp", 0, suspended("mcp")));
        assertThat(judge(plain)).isEmpty();
    }

    @Test
    void judgeWhenAJtiOfTheLineageRevokedThenTokenGrain() {
        stored(new TokenRevoked(Jti.of("other"), "leak", "holder", T0), 0);
        assertThat(judge(plain)).isEmpty();

        stored(new TokenRevoked(Jti.of("root"), "leak", "holder", T0), 0);
        assertThat(judge(plain)).get().satisfies(refused -> {
            assertThat(refused.grain()).isEqualTo(Grain.TOKEN);
            assertThat(refused.reason()).contains("root");
        });
    }

    @Test
    void judgeWhenSeveralGrainsApplyThenTheWidestFirst() {
        stored(new TokenRevoked(Jti.of("parent"), "leak", "holder", T0), 0);
        stored(suspended("mcp"), 1);
        stored(new ClientRevoked(ClientId.of("mcp"), "compromised", "sec", T0.plusSeconds(90)), 0);
        stored(new UserRevoked(UserId.of("alice"), "takeover", "sec", T0.plusSeconds(90)), 0);
        assertThat(judge(plain)).get().extracting(LedgerOutcome.Refused::grain).isEqualTo(Grain.USER);
        stored(new GrantRevoked(GrantId.of("grt_1"), UserId.of("alice"), ClientId.of("agent"), "leak", "sec", T0), 1);
        assertThat(judge(plain)).get().extracting(LedgerOutcome.Refused::grain).isEqualTo(Grain.GRANT);
    }

    @Test
    void aggregatesWhenChecksGivenThenEveryStreamTheRulesReadOnce() {
        AuthorityCheck other = aCheck("grt_2", "alice", "agent").lineage("root").build();
        assertThat(AuthorityRules.aggregates(List.of(plain, other))).containsExactlyInAnyOrder(
                "grt_1", "grt_2", "user:alice", "client:mcp", "mcp", "client:agent", "agent", "token:root", "token:parent");
    }

    @Test
    void aggregatesWhenEventsGivenThenTheirOwnAggregateIdsAreTheKeysRead() {
        // The prefixes the rules read are the ones the published language writes.
        assertThat(AuthorityRules.aggregates(List.of(plain))).contains(
                new UserRevoked(UserId.of("alice"), "r", "b", T0).aggregateId(),
                new ClientRevoked(ClientId.of("mcp"), "r", "b", T0).aggregateId(),
                suspended("mcp").aggregateId(),
                new TokenRevoked(Jti.of("root"), "r", "b", T0).aggregateId(),
                new GrantRevoked(GrantId.of("grt_1"), UserId.of("alice"), ClientId.of("agent"), "r", "b", T0).aggregateId());
    }

    private static ClientSuspended suspended(String clientId) {
        return new ClientSuspended(ClientId.of(clientId), "suspicious", "responder", T0);
    }

    private void stored(MandateEvent event, long sequence) {
        store.add(new AuthorityFacts.Stored(event.aggregateId(), sequence, event));
    }

    private Optional<LedgerOutcome.Refused> judge(AuthorityCheck check) {
        return AuthorityRules.judge(check, AuthorityFacts.of(store));
    }
}
