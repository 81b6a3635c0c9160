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
import io.mandate.messages.token.TokenExchanged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each refusal rule against the real store: revocations written as the command-service's Axon
 * writes them refuse the token in the batch (nothing written) and in the single {@code check}.
 */
class AuthorityCheckIT {

    private static LedgerDatabase database;
    private static JdbcTokenLedger ledger;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    private final String grant = "grt_" + run;
    private final String user = "user-" + run;
    private final String agent = "agent-" + run;
    private final String mcp = "mcp-" + run;

    @BeforeAll
    static void start() {
        database = LedgerDatabase.withEventStore();
        ledger = database.ledger(LedgerProperties.defaults());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void appendWhenNothingRevokedThenRecorded() throws Exception {
        assertThat(append(check().build())).isEqualTo(LedgerOutcome.RECORDED);
    }

    @Test
    void appendWhenGrantRevokedThenRefusedAtGrantGrainAndNothingWritten() throws Exception {
        axon(new GrantRevoked(GrantId.of(grant), UserId.of(user), ClientId.of(agent), "leak", "sec", created), 1, "Grant");
        assertRefused(check().build(), Grain.GRANT);
    }

    @Test
    void appendWhenGrantExpiredThenRefusedAtGrantGrain() throws Exception {
        axon(new GrantExpired(GrantId.of(grant), UserId.of(user), ClientId.of(agent), created), 1, "Grant");
        assertRefused(check().build(), Grain.GRANT);
    }

    @Test
    void appendWhenUserWatermarkAtGrantCreationThenRefusedAndBeforeItThenRecorded() throws Exception {
        axon(new UserRevoked(UserId.of(user), "takeover", "sec", created.minusMillis(1)), 0, "UserRevocation");
        assertThat(append(check().build())).isEqualTo(LedgerOutcome.RECORDED);

        axon(new UserRevoked(UserId.of(user), "takeover", "sec", created), 1, "UserRevocation");
        assertRefused(check().build(), Grain.USER);
    }

    @Test
    void appendWhenActorWatermarkAtItsSinceThenRefusedAtClientGrain() throws Exception {
        Instant joined = created.plusSeconds(60);
        axon(new ClientRevoked(ClientId.of(mcp), "compromised", "sec", joined.minusMillis(1)), 0, "ClientRevocation");
        assertThat(append(check().actor(mcp, joined).actor(agent, created).build())).isEqualTo(LedgerOutcome.RECORDED);

        axon(new ClientRevoked(ClientId.of(mcp), "compromised", "sec", joined), 1, "ClientRevocation");
        assertRefused(check().actor(mcp, joined).actor(agent, created).build(), Grain.CLIENT);
    }

    @Test
    void appendWhenActorSuspendedThenRefusedUntilReinstatedAndWhenDeletedForGood() throws Exception {
        axon(new ClientSuspended(ClientId.of(mcp), "suspicious", "sec", created), 1, "Client");
        assertRefused(check().actor(mcp, created).actor(agent, created).build(), Grain.SUSPENDED);

        axon(new ClientReinstated(ClientId.of(mcp), "cleared", "admin", created), 2, "Client");
        assertThat(append(check().actor(mcp, created).actor(agent, created).build())).isEqualTo(LedgerOutcome.RECORDED);

        axon(new ClientDeleted(ClientId.of(mcp), "gone", "admin", created), 3, "Client");
        assertRefused(check().actor(mcp, created).actor(agent, created).build(), Grain.SUSPENDED);
    }

    @Test
    void appendWhenAncestorTokenRevokedThenRefusedAtTokenGrain() throws Exception {
        axon(new TokenRevoked(Jti.of("root-" + run), "leak", "holder", created), 0, "TokenRevocation");
        assertThat(append(check().lineage("other-" + run).build())).isEqualTo(LedgerOutcome.RECORDED);
        assertRefused(check().lineage("root-" + run, "parent-" + run).build(), Grain.TOKEN);
    }

    @Test
    void appendWhenTokenRevokedThroughTheLedgerThenItsChildrenRefused() throws Exception {
        ledger.revokeToken(Jti.of("parent-" + run), "leaked", "holder");
        assertRefused(check().lineage("parent-" + run).build(), Grain.TOKEN);
    }

    @Test
    void appendWhenOneBatchMixesCoveredAndCleanTokensThenOnlyTheCoveredAreRefused() throws Exception {
        axon(new GrantRevoked(GrantId.of(grant), UserId.of(user), ClientId.of(agent), "leak", "sec", created), 1, "Grant");
        String otherGrant = "grt_other_" + run;
        CompletableFuture<LedgerOutcome> covered;
        CompletableFuture<LedgerOutcome> clean;
        try (Connection revocation = database.holdFence(true)) {
            CompletableFuture<LedgerOutcome> plug = ledger.append(LedgerEntry.of(LedgerTestData.refusal(agent, created)));
            awaitQueueEmpty();
            covered = ledger.append(entry("covered-" + run, check().build()));
            clean = ledger.append(entry("clean-" + run, LedgerTestData.aCheck(otherGrant, user, agent)
                    .grantCreatedAt(created).build()));
            revocation.commit();
            assertThat(plug.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);
        }
        assertThat(covered.get(10, TimeUnit.SECONDS)).isInstanceOf(LedgerOutcome.Refused.class);
        assertThat(clean.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);
        assertThat(database.rows("issued:covered-" + run)).isEmpty();
        assertThat(database.rows("issued:clean-" + run)).hasSize(1);
    }

    private void assertRefused(AuthorityCheck check, Grain grain) throws Exception {
        String jti = "refused-" + UUID.randomUUID();
        LedgerOutcome outcome = ledger.append(entry(jti, check)).get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOfSatisfying(LedgerOutcome.Refused.class, refused -> {
            assertThat(refused.grain()).isEqualTo(grain);
            assertThat(refused.reason()).isNotBlank();
        });
        assertThat(database.rows("issued:" + jti)).as("a refused token is not recorded").isEmpty();
        Optional<LedgerOutcome.Refused> single = ledger.check(check);
        assertThat(single).contains((LedgerOutcome.Refused) outcome);
    }

    private LedgerOutcome append(AuthorityCheck check) throws Exception {
        String jti = "ok-" + UUID.randomUUID();
        LedgerOutcome outcome = ledger.append(entry(jti, check)).get(10, TimeUnit.SECONDS);
        if (outcome == LedgerOutcome.RECORDED) {
            assertThat(database.rows("issued:" + jti)).hasSize(1);
            assertThat(ledger.check(check)).isEmpty();
        }
        return outcome;
    }

    private LedgerEntry entry(String jti, AuthorityCheck check) {
        TokenExchanged token = LedgerTestData.exchanged(jti, check.grantId().value(), check.userId().value(),
                check.actors().stream().map(actor -> actor.clientId().value()).toList(), Instant.now());
        return new LedgerEntry(token, check, null);
    }

    private LedgerTestData.CheckBuilder check() {
        return LedgerTestData.aCheck(grant, user, agent).grantCreatedAt(created);
    }

    private static void axon(MandateEvent event, long sequence, String aggregateType) {
        database.storeAsAxon(event, sequence, aggregateType);
    }

    private static void awaitQueueEmpty() throws InterruptedException {
        for (int i = 0; i < 200 && ledger.stats().queueDepth() > 0; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
    }
}
