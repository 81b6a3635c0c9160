package io.mandate.query.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.query.support.ApiClient;
import io.mandate.query.support.ApiClient.Reply;
import io.mandate.query.support.EventProducer;
import io.mandate.query.support.QueryServiceStack;
import io.mandate.query.testdata.TestChains;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-click revocation on the real Kafka and Elasticsearch, with the command-service and two
 * token-issuers played by a local HTTP fake ({@link FakeMandateServices}) that publishes the real
 * revocation events: what is forwarded, with which credential and reason, how the wait ends (200
 * once both issuers and the query side confirm, 202 naming the issuer that did not), who may call
 * it, and how the command-service's refusals come back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevocationActionIT {

    private static final String REASON_JSON = "{\"reason\":\"prompt injection\"}";

    private static EventProducer producer;
    private static FakeMandateServices fake;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        QueryServiceStack.registerProperties(registry);
        producer = QueryServiceStack.newProducer();
        fake = new FakeMandateServices(event -> producer.publish(TestGrants.envelopeOf(event, 0, event instanceof
                io.mandate.messages.revocation.RevocationEvent r ? r.revokedAt() : Instant.now())), 2);
        registry.add("mandate.query.actions.command-service.url", () -> fake.url("command"));
        registry.add("mandate.query.actions.command-service.username", () -> "query-service");
        registry.add("mandate.query.actions.command-service.password", () -> "service-secret");
        registry.add("mandate.query.actions.issuers.urls", () -> fake.url("issuer-1") + "," + fake.url("issuer-2"));
        registry.add("mandate.query.actions.effect-timeout", () -> "8s");
    }

    @AfterAll
    static void stop() {
        fake.close();
        producer.close();
    }

    @Test
    void agentWhenRevokedByResponderThenForwardedNamingTheResponderAndEffectiveOnceBothIssuersAndTheQuerySideShowIt() {
        TestChains.Chain chain = published(TestChains.aChain(3, Instant.now()));
        String agent = chain.agent().value();
        int before = fake.commandRequests().size();

        Reply reply = api().postJson("/api/actions/revoke/agent/" + agent, REASON_JSON, "responder", "mandate-responder");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.json();
        assertThat(result.get("effective").asBoolean()).isTrue();
        assertThat(result.get("waitedMs").asLong()).isBetween(0L, 8_000L);
        assertThat(result.at("/blastRadius/grants/count").asLong()).isEqualTo(1);
        assertThat(result.at("/blastRadius/liveTokens/count").asLong()).isEqualTo(3);
        assertThat(result.get("confirmations").findValuesAsText("where"))
                .containsExactly(fake.url("issuer-1"), fake.url("issuer-2"), "query-service");
        assertThat(result.get("confirmations").findValuesAsText("confirmed")).containsOnly("true");
        JsonNode event = result.at("/events/0");
        assertThat(event.get("type").asText()).isEqualTo("ClientRevoked");
        assertThat(event.get("aggregateId").asText()).isEqualTo("client:" + agent);
        assertThat(event.get("eventId").asText()).as("the indexed event's id").isNotBlank();
        assertThat(event.get("reason").asText()).isEqualTo("[by responder via query-service] prompt injection");

        List<FakeMandateServices.Received> forwarded = fake.commandRequests().subList(before, fake.commandRequests().size());
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.get(0).path()).isEqualTo("/api/revocations/clients/" + agent);
        assertThat(forwarded.get(0).authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("query-service:service-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(forwarded.get(0).body().get("reason").asText()).isEqualTo("[by responder via query-service] prompt injection");

        // What the responder sees next: the agent's tokens revoked by its watermark.
        JsonNode chainView = api().asInvestigator("/api/tokens/" + chain.hop(2).jti().value() + "/chain").json();
        assertThat(chainView.get("hops").findValuesAsText("grain")).containsOnly("CLIENT");
    }

    @Test
    void issuerThatNeverConfirmsWhenRevokingThen202NamingItAndWhatItLastSaid() {
        TestChains.Chain chain = published(TestChains.aChain(1, Instant.now(), "stuck-"));

        Reply reply = api().postJson("/api/actions/revoke/agent/" + chain.agent().value(), REASON_JSON, "responder",
                "mandate-responder");

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        JsonNode result = reply.json();
        assertThat(result.get("effective").asBoolean()).isFalse();
        assertThat(result.get("waitedMs").asLong()).isGreaterThanOrEqualTo(8_000L);
        JsonNode second = result.at("/confirmations/1");
        assertThat(second.get("where").asText()).isEqualTo(fake.url("issuer-2"));
        assertThat(second.get("confirmed").asBoolean()).isFalse();
        assertThat(second.get("detail").asText()).isEqualTo("no client watermark yet");
        assertThat(result.at("/confirmations/0/confirmed").asBoolean()).isTrue();
        assertThat(result.at("/events/0/type").asText()).as("recorded all the same").isEqualTo("ClientRevoked");
    }

    @Test
    void tokenWhenRevokedThenEachIssuerIsAskedAboutThatTokensFactsAndItTakesEffect() {
        TestChains.Chain chain = published(TestChains.aChain(2, Instant.now()));
        String jti = chain.hop(1).jti().value();

        Reply reply = api().postJson("/api/actions/revoke/token/" + jti, REASON_JSON, "responder", "mandate-responder");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().at("/blastRadius/liveTokens/count").asLong()).isEqualTo(1);
        JsonNode facts = fake.revocationChecks().stream().filter(check -> check.path("jti").asText().equals(jti))
                .findFirst().orElseThrow();
        assertThat(facts.get("grantId").asText()).isEqualTo(chain.grant().grantId().value());
        assertThat(facts.get("parentJti").asText()).isEqualTo(chain.hop(0).jti().value());
        assertThat(facts.get("actorChain").size()).isEqualTo(2);
        assertThat(api().asInvestigator("/api/tokens/" + jti).json().at("/standing/grain").asText()).isEqualTo("TOKEN");
    }

    @Test
    void investigatorOrAdminWhenRevokingThen403AndNothingForwarded() {
        TestChains.Chain chain = published(TestChains.aChain(1, Instant.now()));
        int before = fake.commandRequests().size();

        Reply investigator = api().postJson("/api/actions/revoke/agent/" + chain.agent().value(), REASON_JSON,
                "investigator", "mandate-investigator");
        Reply admin = api().postJson("/api/actions/revoke/agent/" + chain.agent().value(), REASON_JSON, "admin",
                "mandate-admin");

        assertThat(investigator.status()).isEqualTo(403);
        assertThat(investigator.contentType()).contains("application/problem+json");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(fake.commandRequests()).hasSize(before);
    }

    @Test
    void badRequestsWhenRevokingThen400NamingTheParameterOr404AndNothingForwarded() {
        TestChains.Chain chain = published(TestChains.aChain(1, Instant.now()));
        String agent = chain.agent().value();
        int before = fake.commandRequests().size();

        assertProblem(revoke("/api/actions/revoke/robot/" + agent, REASON_JSON), 400, "kind");
        assertProblem(revoke("/api/actions/revoke/agent/" + agent, "{\"reason\":\" \"}"), 400, "reason");
        assertProblem(revoke("/api/actions/revoke/agent/" + agent, "{\"reason\":\"" + "x".repeat(401) + "\"}"), 400,
                "reason");
        assertProblem(revoke("/api/actions/revoke/agent/%20x", REASON_JSON), 400, "id");
        assertProblem(revoke("/api/actions/revoke/agent/nobody-" + UUID.randomUUID(), REASON_JSON), 404, null);
        assertThat(fake.commandRequests()).hasSize(before);
    }

    @Test
    void commandServiceNotKnowingTheClientWhenRevokingThenIts404AsAProblem() {
        TestChains.Chain chain = published(TestChains.aChain(1, Instant.now(), "gone-"));

        Reply reply = revoke("/api/actions/revoke/agent/" + chain.agent().value(), REASON_JSON);

        assertProblem(reply, 404, null);
        assertThat(reply.json().get("title").asText()).isEqualTo("Unknown client");
        assertThat(reply.json().get("source").asText()).isEqualTo("command-service");
    }

    private Reply revoke(String path, String body) {
        return api().postJson(path, body, "responder", "mandate-responder");
    }

    private static void assertProblem(Reply reply, int status, String parameter) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).contains("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception");
        if (parameter != null) {
            assertThat(reply.json().at("/errors/0/parameter").asText()).isEqualTo(parameter);
        }
    }

    private TestChains.Chain published(TestChains.Chain chain) {
        for (ClientId actor : chain.actors()) {
            publish(new ClientRegistered(actor, ClientKind.AGENT, actor.value(), "team", Scopes.of(TestChains.GRANT_SCOPES),
                    List.of(), RegistrationPath.ADMIN, "admin", chain.grant().createdAt().minusSeconds(60)));
        }
        publish(chain.grant());
        chain.hops().forEach(this::publish);
        for (ClientId actor : chain.actors()) {
            api().awaitReadable("/api/clients/" + actor.value(), json -> true);
        }
        api().awaitReadable("/api/tokens/" + chain.hops().get(chain.hops().size() - 1).jti().value(), json -> true);
        // That read is a real-time get; the blast radius is a search, which sees the tokens only after
        // the next refresh of the token index. The agent stands in every hop of its chain.
        api().awaitReadable("/api/blast-radius?agent=" + chain.agent().value(),
                json -> json.at("/liveTokens/count").asLong() == chain.hops().size());
        return chain;
    }

    private void publish(MandateEvent event) {
        producer.publish(TestGrants.envelopeOf(event, 0, Instant.now()));
    }

    private ApiClient api() {
        return new ApiClient(port);
    }
}
