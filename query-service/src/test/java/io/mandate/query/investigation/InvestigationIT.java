package io.mandate.query.investigation;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.query.support.LiveQueryServiceIT;
import io.mandate.query.support.ApiClient.Reply;
import io.mandate.query.testdata.TestChains;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chains, agent and user views and blast radius through the real Kafka and Elasticsearch: events
 * published as the command side and the token-issuer publish them, read back over HTTP.
 */
class InvestigationIT extends LiveQueryServiceIT {

    @Test
    void depthFiveChainWithRevokedMiddleHopWhenReadThenAncestorsActiveAndTheLineageBelowRevoked() {
        TestChains.Chain chain = published(TestChains.aChain(5, now()));
        TokenExchanged middle = chain.hop(2);
        publish(new TokenRevoked(middle.jti(), "hop replayed", "responder", now()));
        String lastJti = chain.hop(4).jti().value();
        api().awaitReadable("/api/tokens/" + lastJti, json -> json.at("/standing/status").asText().equals("REVOKED"));

        JsonNode view = api().awaitReadable("/api/tokens/" + middle.jti().value() + "/chain",
                json -> json.path("hops").size() == 5);

        assertThat(view.at("/grant/grant/grantId").asText()).isEqualTo(chain.grant().grantId().value());
        assertThat(view.at("/grant/standing/status").asText()).isEqualTo("ACTIVE");
        assertThat(view.at("/user/userId").asText()).isEqualTo(chain.user().value());
        assertThat(texts(view.get("hops"), "jti")).containsExactlyElementsOf(
                chain.hops().stream().map(hop -> hop.jti().value()).toList());
        assertThat(texts(view.get("hops"), "relation"))
                .containsExactly("ANCESTOR", "ANCESTOR", "SELF", "DESCENDANT", "DESCENDANT");
        assertThat(view.get("hops").findValuesAsText("status"))
                .containsExactly("ACTIVE", "ACTIVE", "REVOKED", "REVOKED", "REVOKED");
        assertThat(texts(view.get("hops"), "scopeWithinParent")).containsOnly("true");
        assertThat(texts(view.get("hops"), "comparedWith")).containsExactly("grant", "parent", "parent", "parent", "parent");
        assertThat(view.at("/hops/3/narrowedScopes").toString()).isEqualTo("[\"s3\"]");
        assertThat(view.at("/hops/4/actorChain").size()).isEqualTo(5);
        assertThat(view.at("/hops/4/holder").asText()).isEqualTo(chain.actors().get(4).value());
        assertThat(view.at("/hops/4/standing/reason").asText()).startsWith("ancestor token " + middle.jti().value());
        assertThat(view.get("descendantsTotal").asLong()).isEqualTo(2);

        JsonNode ancestor = api().asInvestigator("/api/tokens/" + chain.hop(1).jti().value()).json();
        assertThat(ancestor.at("/standing/status").asText()).isEqualTo("ACTIVE");
        assertThat(ancestor.at("/token/lineage").toString()).isEqualTo("[\"" + chain.hop(0).jti().value() + "\"]");
    }

    @Test
    void redeliveredTokenEventsWhenIngestedThenStillOneDocumentPerToken() {
        TestChains.Chain chain = published(TestChains.aChain(2, now()));
        String agent = chain.agent().value();
        api().awaitReadable("/api/agents/" + agent + "/view", json -> json.at("/tokens/total").asLong() == 2);

        chain.hops().forEach(this::publish);
        // A marker behind the redeliveries on the same key (the grant): once it is readable they were consumed.
        TestChains.Chain marker = TestChains.aChain(1, now());
        TokenExchanged after = new TokenExchanged(marker.hop(0).jti(), null, List.of(), chain.grant().grantId(),
                chain.user(), chain.agent(), List.of(chain.agent()), chain.grant().audience(), Scopes.of("s1"),
                "https://idp.example", "subject", "kid-1", now(), now().plusSeconds(300));
        publish(after);
        api().awaitReadable("/api/tokens/" + after.jti().value(), json -> true);
        // That read is a real-time get; the agent view is a search, which sees the marker after the next refresh.
        api().awaitReadable("/api/agents/" + agent + "/view", json -> json.at("/tokens/total").asLong() >= 3);

        assertThat(api().asInvestigator("/api/agents/" + agent + "/view").json().at("/tokens/total").asLong()).isEqualTo(3);
    }

    @Test
    void agentWhenViewedThenItsGrantsTokensAnywhereInAChainUsersAndTimeline() {
        TestChains.Chain chain = published(TestChains.aChain(4, now()));
        String middle = chain.actors().get(1).value();

        // Tokens and the timeline live in two indices, each refreshed on its own: wait for both.
        JsonNode view = api().awaitReadable("/api/agents/" + middle + "/view?size=2",
                json -> json.at("/tokens/total").asLong() == 3
                        && json.at("/timeline/countsByType/TokenExchanged").asLong() == 1);

        assertThat(view.at("/client/clientId").asText()).isEqualTo(middle);
        assertThat(view.at("/tokens/items").size()).isEqualTo(2);
        assertThat(view.at("/tokens/items/0/token/jti").asText()).as("newest first").isEqualTo(chain.hop(3).jti().value());
        assertThat(view.at("/tokens/items/0/standing/status").asText()).isEqualTo("ACTIVE");
        assertThat(view.at("/grants/total").asLong()).as("it holds no grant itself").isZero();
        assertThat(view.at("/actsFor/0/userId").asText()).isEqualTo(chain.user().value());
        assertThat(view.at("/actsFor/0/tokens").asLong()).isEqualTo(3);
        assertThat(view.at("/timeline/countsByType/ClientRegistered").asLong()).isEqualTo(1);
        assertThat(view.at("/timeline/countsByType/TokenExchanged").asLong()).as("the exchange it made as holder")
                .isEqualTo(1);

        JsonNode agentView = api().awaitReadable("/api/agents/" + chain.agent().value() + "/view",
                json -> json.at("/timeline/countsByType/GrantCreated").asLong() == 1);
        assertThat(agentView.at("/grants/total").asLong()).isEqualTo(1);
        assertThat(agentView.at("/grants/items/0/standing/status").asText()).isEqualTo("ACTIVE");
        assertThat(agentView.at("/tokens/total").asLong()).isEqualTo(4);
        assertThat(agentView.at("/timeline/countsByType/GrantCreated").asLong()).isEqualTo(1);
    }

    @Test
    void userWhenLedgerReadThenEveryClientActingForThemWithScopesSinceAndChains() {
        TestChains.Chain chain = published(TestChains.aChain(3, now()));
        String user = chain.user().value();

        JsonNode ledger = api().awaitReadable("/api/users/" + user + "/ledger",
                json -> json.path("delegates").size() == 3 && json.at("/delegates/0/tokens").asLong() == 3);

        assertThat(ledger.at("/grants/items/0/grant/grantId").asText()).isEqualTo(chain.grant().grantId().value());
        JsonNode agent = delegate(ledger, chain.agent().value());
        assertThat(agent.get("kind").asText()).isEqualTo("AGENT");
        assertThat(agent.get("grantIds").toString()).isEqualTo("[\"" + chain.grant().grantId().value() + "\"]");
        assertThat(agent.get("grantedScopes").size()).isEqualTo(6);
        assertThat(agent.get("since").asText()).as("the grant came before any token")
                .isEqualTo(chain.grant().createdAt().toString());
        assertThat(agent.get("chains").toString()).isEqualTo("[\"" + chain.hop(0).jti().value() + "\"]");
        JsonNode last = delegate(ledger, chain.actors().get(2).value());
        assertThat(last.get("tokens").asLong()).isEqualTo(1);
        assertThat(last.get("tokenScopes").toString()).isEqualTo("[\"s3\",\"s4\",\"s5\",\"s6\"]");
        assertThat(last.get("grantIds").size()).isZero();
        assertThat(last.get("viaGrants").toString()).isEqualTo("[\"" + chain.grant().grantId().value() + "\"]");
    }

    @Test
    void targetsWhenBlastRadiusAskedThenLiveTokensUsersAndDownstreamClientsItWouldCut() {
        TestChains.Chain chain = published(TestChains.aChain(3, now()));
        String agent = chain.agent().value();
        String middle = chain.actors().get(1).value();
        api().awaitReadable("/api/tokens/" + chain.hop(2).jti().value(), json -> true);

        JsonNode byAgent = api().asInvestigator("/api/blast-radius?agent=" + agent).json();
        assertThat(byAgent.at("/grants/count").asLong()).isEqualTo(1);
        assertThat(byAgent.at("/liveTokens/count").asLong()).isEqualTo(3);
        assertThat(byAgent.at("/liveTokens/exact").asBoolean()).isTrue();
        assertThat(byAgent.at("/users/sample").toString()).isEqualTo("[\"" + chain.user().value() + "\"]");
        assertThat(texts(byAgent.at("/downstreamClients/sample"))).containsExactlyInAnyOrder(middle,
                chain.actors().get(2).value());

        JsonNode byMiddle = api().asInvestigator("/api/blast-radius?agent=" + middle).json();
        assertThat(byMiddle.at("/grants/count").asLong()).isZero();
        assertThat(byMiddle.at("/liveTokens/count").asLong()).isEqualTo(2);
        assertThat(texts(byMiddle.at("/downstreamClients/sample"))).containsExactly(chain.actors().get(2).value());

        JsonNode byToken = api().asInvestigator("/api/blast-radius?token=" + chain.hop(1).jti().value()).json();
        assertThat(byToken.at("/liveTokens/count").asLong()).as("the token and the one exchanged from it").isEqualTo(2);
        assertThat(byToken.at("/grants/count").asLong()).isZero();

        assertThat(api().asInvestigator("/api/blast-radius?grant=" + chain.grant().grantId().value()).json()
                .at("/liveTokens/count").asLong()).isEqualTo(3);
        assertThat(api().asInvestigator("/api/blast-radius?user=" + chain.user().value()).json()
                .at("/grants/count").asLong()).isEqualTo(1);

        // Already revoked tokens are not counted again.
        publish(new TokenRevoked(chain.hop(2).jti(), "replayed", "responder", now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api()
                .asInvestigator("/api/blast-radius?agent=" + agent).json().at("/liveTokens/count").asLong()).isEqualTo(2));
    }

    @Test
    void badOrUnknownIdsWhenAskedThen400NamingTheParameterOr404() {
        assertProblem(api().asInvestigator("/api/tokens/no-such-jti-" + now().toEpochMilli()), 404, null);
        assertProblem(api().asInvestigator("/api/tokens/no-such-jti-" + now().toEpochMilli() + "/chain"), 404, null);
        assertProblem(api().asInvestigator("/api/tokens/%20bad"), 400, "jti");
        assertProblem(api().asInvestigator("/api/agents/nobody-" + now().toEpochMilli() + "/view"), 404, null);
        assertProblem(api().asInvestigator("/api/agents/x/view?size=0"), 400, "size");
        assertProblem(api().asInvestigator("/api/users/nobody-" + now().toEpochMilli() + "/ledger"), 404, null);
        assertProblem(api().asInvestigator("/api/blast-radius"), 400, "agent,user,grant,token");
        assertProblem(api().asInvestigator("/api/blast-radius?agent=a&user=b"), 400, "agent,user");
        assertProblem(api().asInvestigator("/api/blast-radius?grant=grt_none-" + now().toEpochMilli()), 404, null);
        assertProblem(api().asInvestigator("/api/blast-radius?token=%20x"), 400, "token");
        assertThat(api().anonymously("/api/blast-radius?agent=a").status()).isEqualTo(401);
    }

    @Test
    void requestsWhenWrongPasswordAfterTheRightOneThenStillUnauthorized() {
        String absent = "/api/tokens/no-such-jti-" + now().toEpochMilli() + "/chain";
        // The right password is remembered after its BCrypt check; a wrong one must never ride on that.
        assertThat(api().asInvestigator(absent).status()).isEqualTo(404);
        assertThat(api().asInvestigator(absent).status()).isEqualTo(404);

        assertProblem(api().get(absent, "investigator", "mandate-investigator-"), 401, null);
        assertProblem(api().get(absent, "responder", "mandate-investigator"), 401, null);
        assertProblem(api().get(absent, "investigator", ""), 401, null);
    }

    private static void assertProblem(Reply reply, int status, String parameter) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).contains("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (parameter != null) {
            assertThat(reply.json().at("/errors/0/parameter").asText()).isEqualTo(parameter);
        }
    }

    /** Registers every actor, then publishes the grant and the hops as the services would. */
    private TestChains.Chain published(TestChains.Chain chain) {
        for (int i = 0; i < chain.actors().size(); i++) {
            ClientId actor = chain.actors().get(i);
            publish(new ClientRegistered(actor, i == 0 ? ClientKind.AGENT : ClientKind.MCP_SERVER, actor.value(), "team",
                    Scopes.of(TestChains.GRANT_SCOPES), i == 0 ? List.of() : List.of("https://" + actor.value() + ".example"),
                    RegistrationPath.ADMIN, "admin", chain.grant().createdAt().minusSeconds(60)));
        }
        publish(chain.grant());
        chain.hops().forEach(this::publish);
        api().awaitReadable("/api/grants/" + chain.grant().grantId().value(), json -> true);
        // Client events travel on their own key (and partition) into the client and event indices, each
        // refreshed on its own, which the views read: wait for both, or a view can miss its client.
        for (ClientId actor : chain.actors()) {
            api().awaitReadable("/api/clients/" + actor.value(), json -> true);
            api().awaitReadable("/api/events/search?type=ClientRegistered&client=" + actor.value(),
                    json -> json.get("total").asLong() == 1);
        }
        return chain;
    }

    private void publish(MandateEvent event) {
        producer.publish(TestGrants.envelopeOf(event, 0, now()));
    }

    private static JsonNode delegate(JsonNode ledger, String clientId) {
        for (JsonNode delegate : ledger.get("delegates")) {
            if (delegate.get("clientId").asText().equals(clientId)) {
                return delegate;
            }
        }
        throw new AssertionError("no delegate " + clientId + " in " + ledger);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
