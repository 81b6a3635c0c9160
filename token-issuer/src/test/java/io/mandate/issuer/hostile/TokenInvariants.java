package io.mandate.issuer.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.hostile.HostileWorld.Outcome;
import io.mandate.issuer.hostile.HostileWorld.Presented;
import io.mandate.issuer.hostile.RequestPieces.Targets;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants every answer of the token endpoint is held to: (a) a token or an allowed RFC 6749
 * error, no stack trace; (b) a token never exceeds its subject token, its grant or its caller;
 * (c) exactly the one event of what was answered.
 */
final class TokenInvariants {

    private final HostileWorld hostile;

    TokenInvariants(HostileWorld hostile) {
        this.hostile = hostile;
    }

    /** (a) and (c) for a refusal: an allowed RFC error, and its one refusal event (none for a 503). */
    TokenExchangeRefused assertRefusal(Outcome outcome) {
        JsonNode body = OAuthResponses.assertErrorShape(outcome.response());
        if (outcome.status() == 503) {
            assertThat(outcome.appended()).as("events of a 503").isEmpty();
            return null;
        }
        assertThat(outcome.appended()).as("events of %s", outcome.text()).singleElement()
                .isInstanceOf(TokenExchangeRefused.class);
        TokenExchangeRefused refusal = (TokenExchangeRefused) outcome.appended().get(0);
        assertThat(refusal.error()).isEqualTo(body.get("error").asText());
        return refusal;
    }

    /** (a) and (c) for a token: an RFC 6749 §5.1 response, and exactly its own event. */
    TokenView issuedToken(Outcome outcome, Class<? extends MandateEvent> eventType) {
        assertThat(outcome.response().getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        JsonNode body = OAuthResponses.body(outcome.response());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        TokenView issued = TokenView.of(body.path("access_token").asText(), hostile.issuerKey);
        assertThat(issued.signatureValid()).as("signed by the issuer's key").isTrue();
        assertThat(issued.type()).isEqualTo("at+jwt");
        assertThat(issued.issuer()).isEqualTo(ExchangeFixture.ISSUER);
        assertThat(Duration.between(issued.issuedAt(), issued.expiresAt())).isBetween(Duration.ZERO,
                hostile.world.properties.accessTokenTtl());
        assertThat(outcome.appended()).as("events of a 200").singleElement().isInstanceOf(eventType);
        if (outcome.appended().get(0) instanceof TokenExchanged event) {
            assertThat(event.jti().value()).isEqualTo(issued.jti());
            assertThat(event.actorChain()).extracting(Object::toString).isEqualTo(issued.actorChain());
            assertThat(event.audience()).isEqualTo(issued.audience().get(0));
            assertThat(event.scopes().values()).isEqualTo(issued.scopes());
        } else if (outcome.appended().get(0) instanceof ClientTokenIssued event) {
            assertThat(event.jti().value()).isEqualTo(issued.jti());
        }
        return issued;
    }

    /**
     * (b): the token's subject is the subject token's user; its chain is the caller prepended to the
     * subject's chain, within the grant's depth, no client twice; its scope within the subject's
     * (Mandate subject) or the grant's and the caller's (user subject), exactly what was asked when
     * asked; its audience the grant's resource, or a next actor the policy allows (named by may_act),
     * and what was asked when asked.
     */
    void assertWithinBounds(TokenView issued, Presented subject, String caller, Optional<Set<String>> asked,
                                    Targets targets) {
        assertThat(caller).as("a token for an unauthenticated caller").isNotNull();
        assertThat(issued.clientId()).isEqualTo(caller);
        assertThat(issued.authorizedParty()).isEqualTo(caller);
        assertThat(issued.subject()).as("sub").isEqualTo(subject.user());
        WorldModel.Client client = WorldModel.CLIENTS.get(caller);
        WorldModel.Grant grant;
        List<String> chain = new ArrayList<>(List.of(caller));
        Set<String> ceiling;
        if (subject.parent() == null) {
            grant = hostile.model.grant(subject.user(), caller).orElseThrow(() -> new AssertionError(
                    "a token although " + subject.user() + " granted " + caller + " nothing"));
            ceiling = WorldModel.intersection(grant.scopes(), client.allowedScopes());
            assertThat(issued.lineage()).isEmpty();
        } else {
            TokenView parent = subject.parent();
            assertThat(parent.isDelegated()).as("a token from a client's own token").isTrue();
            assertThat(parent.mayAct()).as("only the client may_act names exchanges a token").isEqualTo(caller);
            grant = hostile.model.grantById(parent.grantId()).orElseThrow();
            chain.addAll(parent.actorChain());
            ceiling = WorldModel.intersection(parent.scopes(), client.allowedScopes());
            List<String> lineage = new ArrayList<>(parent.lineage());
            lineage.add(parent.jti());
            assertThat(issued.lineage()).isEqualTo(lineage);
            assertThat(issued.expiresAt()).isBeforeOrEqualTo(parent.expiresAt());
        }
        assertThat(issued.grantId()).isEqualTo(grant.grantId());
        assertThat(issued.actorChain()).as("act chain").isEqualTo(chain).doesNotHaveDuplicates()
                .hasSizeLessThanOrEqualTo(grant.maxDepth());
        assertThat(issued.scopes()).as("scope").isNotEmpty().isSubsetOf(ceiling);
        asked.ifPresent(scopes -> assertThat(issued.scopes()).as("scope as asked").isEqualTo(scopes));
        assertThat(issued.audience()).as("aud").hasSize(1);
        String audience = issued.audience().get(0);
        if (targets.count() > 0) {
            assertThat(targets.count()).as("a token for several targets").isEqualTo(1);
            assertThat(targets.resolved()).as("a token for an unregistered target %s", targets).isPresent();
            assertThat(audience).as("aud as asked").isEqualTo(targets.resolved().get().audience());
        }
        if (audience.equals(grant.audience())) {
            assertThat(issued.mayAct()).as("may_act of a token for the resource itself").isNull();
        } else {
            WorldModel.Client next = WorldModel.clientWithAudience(audience).orElseThrow(() -> new AssertionError(
                    "aud " + audience + " is neither the grant's resource nor a registered client"));
            assertThat(issued.mayAct()).as("may_act names the audience").isEqualTo(next.id());
            assertThat(grant.nextKinds()).as("the policy allows %s next", next.id()).contains(next.kind());
            assertThat(chain).as("the next actor is not in the chain yet").doesNotContain(next.id());
            assertThat(chain.size()).as("depth left for a next actor").isLessThan(grant.maxDepth());
        }
    }

    /** (b) for client_credentials: the client's own identity, no chain, within its allowed scopes. */
    void assertClientTokenWithinBounds(TokenView issued, String caller, Optional<Set<String>> asked,
                                                      Targets targets) {
        assertThat(caller).as("a token for an unauthenticated caller").isNotNull();
        assertThat(issued.subject()).isEqualTo(caller);
        assertThat(issued.clientId()).isEqualTo(caller);
        assertThat(issued.actorChain()).isEmpty();
        assertThat(issued.grantId()).isNull();
        assertThat(issued.scopes()).isSubsetOf(WorldModel.CLIENTS.get(caller).allowedScopes());
        assertThat(issued.scopes()).isEqualTo(asked.orElse(Set.of()));
        if (targets.count() > 0) {
            assertThat(targets.count()).isEqualTo(1);
            assertThat(issued.audience()).containsExactly(targets.resolved().orElseThrow().audience());
        } else {
            assertThat(issued.audience()).containsExactly(ExchangeFixture.ISSUER);
        }
    }

    /** The scope asked for, when it was asked; a 200 on an ill-formed scope string fails here. */
    Optional<Set<String>> askedScopes(Optional<String> scope) {
        scope.ifPresent(value -> assertThat(WorldModel.wellFormedScope(value))
                .as("a token although the scope %s is not RFC 6749 §3.3", value).isTrue());
        return scope.map(WorldModel::scopeTokens);
    }
}
