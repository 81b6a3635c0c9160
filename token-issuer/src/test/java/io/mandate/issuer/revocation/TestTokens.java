package io.mandate.issuer.revocation;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test data builder for {@link TokenFacts}: a root token of grant g1 for alice held by agent-1. */
final class TestTokens {

    private String jti = "jti-root";
    private String parentJti;
    private String grantId = "g1";
    private String userId = "alice";
    private List<String> actorChain = List.of("agent-1");
    private Instant issuedAt = io.mandate.issuer.projection.TestEvents.T0.plusSeconds(60);
    private Duration lifetime = Duration.ofMinutes(10);

    static TestTokens aToken() {
        return new TestTokens();
    }

    /** A token exchanged from {@code parent}: same grant and user, one more actor, issued a second later. */
    static TestTokens exchangedFrom(TokenFacts parent, String jti, String nextActor) {
        List<String> chain = new ArrayList<>();
        chain.add(nextActor);
        parent.actorChain().forEach(actor -> chain.add(actor.value()));
        return aToken().jti(jti).parent(parent.jti().value()).grant(parent.grantId().value())
                .user(parent.userId().value()).chain(chain.toArray(String[]::new))
                .issuedAt(parent.issuedAt().plusSeconds(1));
    }

    TestTokens jti(String value) {
        jti = value;
        return this;
    }

    TestTokens parent(String value) {
        parentJti = value;
        return this;
    }

    TestTokens grant(String value) {
        grantId = value;
        return this;
    }

    TestTokens user(String value) {
        userId = value;
        return this;
    }

    TestTokens chain(String... actors) {
        actorChain = Arrays.asList(actors);
        return this;
    }

    TestTokens issuedAt(Instant value) {
        issuedAt = value;
        return this;
    }

    TestTokens lifetime(Duration value) {
        lifetime = value;
        return this;
    }

    TokenFacts build() {
        return new TokenFacts(Jti.of(jti), parentJti == null ? null : Jti.of(parentJti), GrantId.of(grantId),
                UserId.of(userId), actorChain.stream().map(ClientId::of).toList(), issuedAt, issuedAt.plus(lifetime));
    }
}
