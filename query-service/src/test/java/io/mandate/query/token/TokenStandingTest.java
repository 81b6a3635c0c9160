package io.mandate.query.token;

import io.mandate.messages.id.ClientId;
import io.mandate.query.client.ClientDocument;
import io.mandate.query.client.ClientStatus;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.testdata.TestChains;
import io.mandate.query.testdata.TestDocuments;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-time status rule, one grain at a time, as the issuer's revocation decision defines them. */
class TokenStandingTest {

    private static final Instant ISSUED = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant NOW = ISSUED.plusSeconds(60);

    private final TestChains.Chain chain = TestChains.aChain(3, ISSUED);
    /** The middle hop: actors agent ← actor1 ← (holder) actor2 is hop 2; hop 1 is held by actor1. */
    private final TokenDocument token = TokenProjection.toDocument(TestGrants.envelopeOf(chain.hop(2), 0, ISSUED));
    private final GrantDocument grant = TestDocuments.grant(chain.grant());
    private final Map<String, GrantDocument> grants = new HashMap<>(Map.of(grant.grantId(), grant));
    private final Map<String, ClientDocument> clients = new HashMap<>();
    private final Map<String, Instant> users = new HashMap<>();
    private final Map<String, Instant> jtis = new HashMap<>();

    @Test
    void nothingKnownAgainstItWhenJudgedThenActive() {
        Standing standing = judge(NOW);

        assertThat(standing.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(standing.isActive()).isTrue();
        assertThat(standing.why()).isEmpty();
    }

    @Test
    void nowAtExpiryWhenJudgedThenExpired() {
        Standing standing = judge(token.expiresAt());

        assertThat(standing.status()).isEqualTo(TokenStatus.EXPIRED);
        assertThat(standing.grain()).isEqualTo(Grain.EXPIRED);
        assertThat(judge(token.expiresAt().minusMillis(1)).isActive()).isTrue();
    }

    @Test
    void grantRevokedWhenJudgedThenRevokedByGrant() {
        grants.put(grant.grantId(), TestDocuments.revoked(grant, NOW.minusSeconds(5)));

        Standing standing = judge(NOW);

        assertThat(standing.status()).isEqualTo(TokenStatus.REVOKED);
        assertThat(standing.grain()).isEqualTo(Grain.GRANT);
        assertThat(standing.why()).extracting(Standing.Finding::at).containsExactly(NOW.minusSeconds(5));
    }

    @Test
    void grantExpiredByEventOrByItsExpiryWhenJudgedThenExpired() {
        grants.put(grant.grantId(), TestDocuments.expired(grant, NOW.minusSeconds(1)));
        assertThat(judge(NOW).grain()).isEqualTo(Grain.EXPIRED);

        grants.put(grant.grantId(), TestDocuments.expiringAt(grant, NOW));
        assertThat(judge(NOW).grain()).isEqualTo(Grain.EXPIRED);
        assertThat(judge(NOW.minusMillis(1)).isActive()).isTrue();
    }

    @Test
    void userWatermarkAtOrAfterIssueWhenJudgedThenRevokedByUserInclusive() {
        users.put(token.userId(), token.issuedAt());
        assertThat(judge(NOW).grain()).isEqualTo(Grain.USER);

        users.put(token.userId(), token.issuedAt().minusMillis(1));
        // Before the token, but after the grant's creation: the grant itself is covered, so the token still falls.
        Standing standing = judge(NOW);
        assertThat(standing.grain()).isEqualTo(Grain.USER);
        assertThat(standing.reason()).contains("grant " + grant.grantId() + " revoked with user");
    }

    @Test
    void userWatermarkBeforeTheGrantWhenJudgedThenActive() {
        users.put(token.userId(), grant.createdAt().minusMillis(1));

        assertThat(judge(NOW).isActive()).isTrue();
    }

    @Test
    void middleActorsWatermarkAtIssueWhenJudgedThenRevokedByClient() {
        String middle = chain.actors().get(1).value();
        clients.put(middle, TestDocuments.client(middle, ClientStatus.ACTIVE, token.issuedAt()));

        Standing standing = judge(NOW);

        assertThat(standing.grain()).isEqualTo(Grain.CLIENT);
        assertThat(standing.reason()).isEqualTo("client " + middle + " revoked at " + token.issuedAt());
    }

    @Test
    void actorsWatermarkBeforeIssueWhenJudgedThenActiveUnlessItIsTheGrantsAgent() {
        String middle = chain.actors().get(1).value();
        clients.put(middle, TestDocuments.client(middle, ClientStatus.ACTIVE, token.issuedAt().minusMillis(1)));
        assertThat(judge(NOW).isActive()).as("a later token is not covered").isTrue();

        String agent = chain.agent().value();
        clients.put(agent, TestDocuments.client(agent, ClientStatus.ACTIVE, grant.createdAt()));
        Standing standing = judge(NOW);
        assertThat(standing.grain()).as("the agent's watermark covers the grant it holds").isEqualTo(Grain.CLIENT);
        assertThat(standing.reason()).contains("revoked with client " + agent);
    }

    @Test
    void actorSuspendedOrDeletedWhenJudgedThenSuspended() {
        String holder = token.holder();
        clients.put(holder, TestDocuments.client(holder, ClientStatus.SUSPENDED, null));
        assertThat(judge(NOW).status()).isEqualTo(TokenStatus.SUSPENDED);

        clients.put(holder, TestDocuments.client(holder, ClientStatus.DELETED, null));
        assertThat(judge(NOW).grain()).isEqualTo(Grain.SUSPENDED);

        clients.put(holder, TestDocuments.client(holder, ClientStatus.ACTIVE, null));
        assertThat(judge(NOW).isActive()).as("reinstated").isTrue();
    }

    @Test
    void ownJtiRevokedWhenJudgedThenRevokedByToken() {
        jtis.put(token.jti(), NOW.minusSeconds(2));

        Standing standing = judge(NOW);

        assertThat(standing.grain()).isEqualTo(Grain.TOKEN);
        assertThat(standing.reason()).startsWith("token " + token.jti());
    }

    @Test
    void ancestorRevokedWhenJudgedThenRevokedByTokenNamingTheAncestor() {
        String root = chain.hop(0).jti().value();
        jtis.put(root, NOW.minusSeconds(2));

        Standing standing = judge(NOW);

        assertThat(standing.grain()).isEqualTo(Grain.TOKEN);
        assertThat(standing.reason()).startsWith("ancestor token " + root);
    }

    @Test
    void revokedAndExpiredWhenJudgedThenRevokedFirstAndBothListed() {
        jtis.put(token.jti(), token.issuedAt().plusSeconds(1));
        String holder = token.holder();
        clients.put(holder, TestDocuments.client(holder, ClientStatus.SUSPENDED, null));

        Standing standing = judge(token.expiresAt().plusSeconds(1));

        assertThat(standing.status()).isEqualTo(TokenStatus.REVOKED);
        assertThat(standing.why()).extracting(Standing.Finding::grain)
                .containsExactly(Grain.TOKEN, Grain.SUSPENDED, Grain.EXPIRED);
    }

    @Test
    void grantOrClientNotIndexedWhenJudgedThenNoFindingFromThem() {
        grants.clear();

        assertThat(judge(NOW).isActive()).isTrue();
    }

    @Test
    void clientCredentialsTokenWhenItsClientIsRevokedOrItsJtiThenRevoked() {
        TokenDocument clientToken = TokenProjection.toDocument(TestGrants.envelopeOf(
                TestTokens.clientTokenIssued(ClientId.of("app-x"), ISSUED), 0, ISSUED));
        assertThat(TokenStanding.of(clientToken, facts(), NOW).isActive()).isTrue();

        clients.put("app-x", TestDocuments.client("app-x", ClientStatus.ACTIVE, ISSUED));
        assertThat(TokenStanding.of(clientToken, facts(), NOW).grain()).isEqualTo(Grain.CLIENT);

        clients.clear();
        jtis.put(clientToken.jti(), NOW);
        assertThat(TokenStanding.of(clientToken, facts(), NOW).grain()).isEqualTo(Grain.TOKEN);
    }

    @Test
    void grantWhenJudgedAloneThenItsOwnEndingAndBothPartiesWatermarks() {
        assertThat(TokenStanding.ofGrant(grant, facts(), NOW).isActive()).isTrue();

        clients.put(grant.agentId(), TestDocuments.client(grant.agentId(), ClientStatus.ACTIVE, grant.createdAt()));
        assertThat(TokenStanding.ofGrant(grant, facts(), NOW).grain()).isEqualTo(Grain.CLIENT);

        clients.clear();
        users.put(grant.userId(), grant.createdAt().plusSeconds(1));
        assertThat(TokenStanding.ofGrant(grant, facts(), NOW).grain()).isEqualTo(Grain.USER);

        users.clear();
        assertThat(TokenStanding.ofGrant(TestDocuments.revoked(grant, NOW), facts(), NOW).status())
                .isEqualTo(TokenStatus.REVOKED);
        assertThat(List.of(TokenStanding.ofGrant(TestDocuments.expired(grant, NOW), facts(), NOW).status()))
                .containsExactly(TokenStatus.EXPIRED);
    }

    private Standing judge(Instant now) {
        return TokenStanding.of(token, facts(), now);
    }

    private StandingFacts facts() {
        return new StandingFacts(grants, clients, users, jtis);
    }
}
