package io.mandate.issuer.ledger;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data builders for the ledger: tokens, refusals and the checks that go with them. */
final class LedgerTestData {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private LedgerTestData() {
    }

    static TokenExchanged exchanged(String jti, String grantId, String userId, List<String> chain, Instant issuedAt) {
        List<ClientId> actors = chain.stream().map(ClientId::of).toList();
        return new TokenExchanged(Jti.of(jti), null, List.of(), GrantId.of(grantId), UserId.of(userId), actors.get(0),
                actors, "https://calendar.example", Scopes.parse("calendar.read"), "https://idp.example", "subject-jti",
                "kid-1", issuedAt, issuedAt.plusSeconds(300));
    }

    static ClientTokenIssued clientToken(String jti, String clientId, Instant issuedAt) {
        return new ClientTokenIssued(Jti.of(jti), ClientId.of(clientId), "https://calendar.example",
                Scopes.parse("calendar.read"), "kid-1", issuedAt, issuedAt.plusSeconds(300));
    }

    static TokenExchangeRefused refusal(String clientId, Instant at) {
        return new TokenExchangeRefused(UUID.randomUUID().toString(), "urn:ietf:params:oauth:grant-type:token-exchange",
                ClientId.of(clientId), true, "invalid_scope", "scope_exceeds_grant", "subject-jti", null, null,
                "calendar.write", "https://calendar.example", at);
    }

    /** A check for a token of {@code grant} held by the chain's first client, each actor covered since {@code since}. */
    static CheckBuilder aCheck(String grantId, String userId, String agentId) {
        return new CheckBuilder(grantId, userId, agentId);
    }

    static final class CheckBuilder {
        private final String grantId;
        private final String userId;
        private final String agentId;
        private Instant grantCreatedAt = T0;
        private final List<ActorSince> actors = new ArrayList<>();
        private final List<Jti> lineage = new ArrayList<>();

        private CheckBuilder(String grantId, String userId, String agentId) {
            this.grantId = grantId;
            this.userId = userId;
            this.agentId = agentId;
        }

        CheckBuilder grantCreatedAt(Instant at) {
            this.grantCreatedAt = at;
            return this;
        }

        CheckBuilder actor(String clientId, Instant since) {
            actors.add(new ActorSince(ClientId.of(clientId), since));
            return this;
        }

        CheckBuilder lineage(String... jtis) {
            for (String jti : jtis) {
                lineage.add(Jti.of(jti));
            }
            return this;
        }

        AuthorityCheck build() {
            List<ActorSince> chain = actors.isEmpty() ? List.of(new ActorSince(ClientId.of(agentId), grantCreatedAt)) : actors;
            return new AuthorityCheck(GrantId.of(grantId), grantCreatedAt, UserId.of(userId), ClientId.of(agentId),
                    chain, lineage);
        }
    }
}
