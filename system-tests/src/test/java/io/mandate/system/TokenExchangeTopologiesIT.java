package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8693 token exchange through the running services, in the three shapes a delegation takes:
 * user → agent → API, user → agent → MCP server → API, and agent → agent → API. Clients and
 * grants are made through the command API; every token is checked as a resource server would
 * (claims, signature against the JWKS, introspection) and as an investigator would (its event on
 * Kafka), and an escalation is refused and recorded.
 */
class TokenExchangeTopologiesIT {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CALENDAR_API = "https://calendar-" + RUN + ".example/api";
    private static final String MCP_URI = "https://calendar-mcp-" + RUN + ".example/mcp";
    private static final List<String> CALENDAR_SCOPES = List.of("calendar.read", "calendar.write");

    private static RunningMandate mandate;
    private static OAuthClient oauth;
    private static MandateAdmin admin;
    private static ClientCredential calendarApi;
    private static ClientCredential calendarMcp;
    private static Instant started;

    @BeforeAll
    static void registerTheResourceAndTheMcpServer() {
        mandate = RunningMandate.get();
        oauth = new OAuthClient(mandate.issuerUrl());
        admin = new MandateAdmin(mandate, oauth);
        started = Instant.now().minusSeconds(5);
        calendarApi = admin.registerWithSecret("calendar-api-" + RUN, "RESOURCE_SERVER", CALENDAR_SCOPES,
                List.of(CALENDAR_API));
        calendarMcp = admin.registerWithSecret("calendar-mcp-" + RUN, "MCP_SERVER", CALENDAR_SCOPES, List.of(MCP_URI));
    }

    @Test
    void agentWhenExchangingItsUsersTokenForTheApiThenTheTokenActsForTheUser() {
        String alice = "alice-" + RUN;
        ClientCredential agent = admin.registerWithSecret("travel-agent-" + RUN, "AGENT", CALENDAR_SCOPES, List.of());
        String grant = admin.createGrant(alice, agent.clientId(), CALENDAR_API, CALENDAR_SCOPES, Map.of("maxDepth", 1));
        admin.awaitIssuerHas(List.of(grant), List.of(agent, calendarApi));

        OAuthClient.Response response = oauth.exchange(agent, mandate.userToken(alice), OAuthClient.JWT_TOKEN_TYPE,
                CALENDAR_API, "calendar.read");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(response.body().path("issued_token_type").asText()).isEqualTo(OAuthClient.ACCESS_TOKEN_TYPE);
        assertThat(response.body().path("scope").asText()).isEqualTo("calendar.read");
        IssuedToken token = verifiedToken(response);
        assertDelegated(token, alice, agent, CALENDAR_API, "calendar.read", grant);
        assertThat(token.object("act")).isEqualTo(Map.of("sub", agent.clientId()));
        assertThat(token.object("may_act")).as("the end of the chain").isNull();
        assertThat(token.lineage()).isEmpty();
        assertActive(calendarApi, token, alice, agent);

        TokenExchanged event = exchangedEvents(grant, List.of(token.jti())).get(0);
        assertThat(event.parentJti()).isNull();
        assertThat(event.subjectIssuer()).isEqualTo(TestIdentityProvider.ISSUER);
        assertThat(event.actorChain()).containsExactly(ClientId.of(agent.clientId()));
        assertThat(event.audience()).isEqualTo(CALENDAR_API);
    }

    @Test
    void mcpServerWhenExchangingTheAgentsTokenThenOneChainNarrowsToTheApi() {
        String bob = "bob-" + RUN;
        ClientCredential agent = admin.registerWithSecret("assistant-" + RUN, "AGENT", CALENDAR_SCOPES, List.of());
        String grant = admin.createGrant(bob, agent.clientId(), CALENDAR_API, CALENDAR_SCOPES,
                Map.of("allowedNextKinds", List.of("MCP_SERVER"), "maxDepth", 2));
        admin.awaitIssuerHas(List.of(grant), List.of(agent, calendarMcp, calendarApi));

        // hop 1: the agent, for the MCP server (addressed by client id), narrowed to read
        OAuthClient.Response first = oauth.exchange(agent, mandate.userToken(bob), OAuthClient.JWT_TOKEN_TYPE,
                calendarMcp.clientId(), "calendar.read");
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        IssuedToken toMcp = verifiedToken(first);
        assertDelegated(toMcp, bob, agent, MCP_URI, "calendar.read", grant);
        assertThat(toMcp.object("act")).isEqualTo(Map.of("sub", agent.clientId()));
        assertThat(toMcp.object("may_act")).isEqualTo(Map.of("sub", calendarMcp.clientId()));
        assertThat(toMcp.lineage()).isEmpty();

        // only the client named by may_act may present it; and not for more than it carries
        OAuthClient.Response notMayAct = oauth.exchange(agent, toMcp.serialized(), OAuthClient.ACCESS_TOKEN_TYPE,
                CALENDAR_API, null);
        assertThat(notMayAct.status()).isEqualTo(400);
        assertThat(notMayAct.error()).isEqualTo("invalid_grant");
        OAuthClient.Response escalation = oauth.exchange(calendarMcp, toMcp.serialized(), OAuthClient.ACCESS_TOKEN_TYPE,
                CALENDAR_API, "calendar.read calendar.write");
        assertThat(escalation.status()).isEqualTo(400);
        assertThat(escalation.error()).isEqualTo("invalid_scope");

        // hop 2: the MCP server, for the API
        OAuthClient.Response second = oauth.exchange(calendarMcp, toMcp.serialized(), OAuthClient.ACCESS_TOKEN_TYPE,
                CALENDAR_API, "calendar.read");
        assertThat(second.status()).as("%s", second).isEqualTo(200);
        IssuedToken toApi = verifiedToken(second);
        assertDelegated(toApi, bob, calendarMcp, CALENDAR_API, "calendar.read", grant);
        assertThat(toApi.object("act")).isEqualTo(Map.of("sub", calendarMcp.clientId(),
                "act", Map.of("sub", agent.clientId())));
        assertThat(toApi.object("may_act")).isNull();
        assertThat(toApi.lineage()).containsExactly(toMcp.jti());
        assertActive(calendarMcp, toMcp, bob, agent);
        assertActive(calendarApi, toApi, bob, calendarMcp);

        List<TokenExchanged> events = exchangedEvents(grant, List.of(toMcp.jti(), toApi.jti()));
        TokenExchanged secondHop = events.stream().filter(e -> e.jti().value().equals(toApi.jti())).findFirst().orElseThrow();
        assertThat(secondHop.parentJti()).isEqualTo(Jti.of(toMcp.jti()));
        assertThat(secondHop.lineage()).containsExactly(Jti.of(toMcp.jti()));
        assertThat(secondHop.actorChain()).containsExactly(ClientId.of(calendarMcp.clientId()), ClientId.of(agent.clientId()));
        TokenExchangeRefused refused = (TokenExchangeRefused) events(envelope -> envelope.payload()
                instanceof TokenExchangeRefused refusal && toMcp.jti().equals(refusal.subjectTokenId())
                && "invalid_scope".equals(refusal.error()), 1).get(0).payload();
        assertThat(refused.clientId()).isEqualTo(ClientId.of(calendarMcp.clientId()));
        assertThat(refused.authenticated()).isTrue();
        assertThat(refused.requestedScope()).isEqualTo("calendar.read calendar.write");
        assertThat(refused.grantId().value()).isEqualTo(grant);
        assertThat(refused.userId().value()).isEqualTo(bob);
    }

    @Test
    void agentWhenDelegatingToAnotherAgentThenTheSecondAgentWithPrivateKeyJwtReachesTheApi() {
        String carol = "carol-" + RUN;
        ClientCredential planner = admin.registerWithSecret("planner-" + RUN, "AGENT", CALENDAR_SCOPES, List.of());
        ClientCredential.PrivateKeyJwt booker = admin.registerWithKey("booker-" + RUN, "AGENT",
                List.of("calendar.read"), List.of());
        String grant = admin.createGrant(carol, planner.clientId(), CALENDAR_API, CALENDAR_SCOPES,
                Map.of("allowedNextClients", List.of(booker.clientId()), "maxDepth", 2));
        admin.awaitIssuerHas(List.of(grant), List.of(planner, booker, calendarApi));

        OAuthClient.Response first = oauth.exchange(planner, mandate.userToken(carol), OAuthClient.JWT_TOKEN_TYPE,
                booker.clientId(), null);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        IssuedToken toBooker = verifiedToken(first);
        assertDelegated(toBooker, carol, planner, booker.clientId(), "calendar.read calendar.write", grant);
        assertThat(toBooker.object("may_act")).isEqualTo(Map.of("sub", booker.clientId()));

        // the second agent authenticates with a signed assertion; no audience: the grant's; no scope: what it may hold
        ClientCredential.Assertion assertion = new ClientCredential.Assertion(booker.clientId(),
                booker.assertion(mandate.issuerUrl() + "/oauth2/token"));
        OAuthClient.Response second = oauth.exchange(assertion, toBooker.serialized(), OAuthClient.ACCESS_TOKEN_TYPE,
                null, null);
        assertThat(second.status()).as("%s", second).isEqualTo(200);
        IssuedToken toApi = verifiedToken(second);
        assertDelegated(toApi, carol, booker, CALENDAR_API, "calendar.read", grant);
        assertThat(toApi.object("act")).isEqualTo(Map.of("sub", booker.clientId(), "act", Map.of("sub", planner.clientId())));
        assertThat(toApi.lineage()).containsExactly(toBooker.jti());
        assertActive(calendarApi, toApi, carol, booker);

        OAuthClient.Response replayed = oauth.exchange(assertion, toBooker.serialized(), OAuthClient.ACCESS_TOKEN_TYPE,
                null, null);
        assertThat(replayed.status()).as("a client assertion is single-use").isEqualTo(401);
        assertThat(replayed.error()).isEqualTo("invalid_client");
        assertThat(exchangedEvents(grant, List.of(toBooker.jti(), toApi.jti()))).hasSize(2);
    }

    @Test
    void clientWhenAskingForItsOwnTokenThenTheTokenIsTheClientsWithoutUserOrChain() {
        ClientCredential agent = admin.registerWithSecret("reporter-" + RUN, "AGENT", CALENDAR_SCOPES, List.of());
        admin.awaitIssuerHas(List.of(), List.of(agent, calendarApi));

        OAuthClient.Response response = oauth.clientCredentials(agent, "calendar.read", CALENDAR_API);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        IssuedToken token = verifiedToken(response);
        assertThat(token.subject()).isEqualTo(agent.clientId());
        assertThat(token.string("client_id")).isEqualTo(agent.clientId());
        assertThat(token.audience()).containsExactly(CALENDAR_API);
        assertThat(token.string("scope")).isEqualTo("calendar.read");
        assertThat(token.claims().getClaims()).doesNotContainKeys("act", "may_act", "grant_id");
        JsonNode introspection = oauth.introspect(calendarApi, token.serialized()).body();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("sub").asText()).isEqualTo(agent.clientId());
        ClientTokenIssued event = (ClientTokenIssued) events(envelope -> envelope.payload()
                instanceof ClientTokenIssued issued && issued.jti().value().equals(token.jti()), 1).get(0).payload();
        assertThat(event.clientId()).isEqualTo(ClientId.of(agent.clientId()));
        assertThat(event.audience()).isEqualTo(CALENDAR_API);

        OAuthClient.Response forMandate = oauth.clientCredentials(agent, "calendar.read", null);
        assertThat(forMandate.status()).as("%s", forMandate).isEqualTo(200);
        assertThat(verifiedToken(forMandate).audience()).as("without a target, for the issuer itself")
                .containsExactly(mandate.issuerUrl());
        OAuthClient.Response beyondAllowed = oauth.clientCredentials(agent, "calendar.read mail.send", CALENDAR_API);
        assertThat(beyondAllowed.status()).isEqualTo(400);
        assertThat(beyondAllowed.error()).isEqualTo("invalid_scope");
    }

    /** The token, after checking what every Mandate token has: ES256, typ at+jwt, a kid of the JWKS. */
    private static IssuedToken verifiedToken(OAuthClient.Response response) {
        IssuedToken token = IssuedToken.parse(response.accessToken());
        JWKSet jwks = IssuedToken.jwksOf(mandate.issuerUrl());
        assertThat(token.header().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(token.header().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(token.verifiesWith(jwks)).as("signed by a key of %s/oauth2/jwks", mandate.issuerUrl()).isTrue();
        assertThat(token.claims().getIssuer()).isEqualTo(mandate.issuerUrl());
        assertThat(token.jti()).isNotBlank();
        assertThat(token.lifetime()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(response.body().path("expires_in").asLong()).isBetween(1L, 300L);
        return token;
    }

    private static void assertDelegated(IssuedToken token, String user, ClientCredential holder, String audience,
                                        String scope, String grant) {
        assertThat(token.subject()).as("sub is the user throughout").isEqualTo(user);
        assertThat(token.string("client_id")).isEqualTo(holder.clientId());
        assertThat(token.string("azp")).isEqualTo(holder.clientId());
        assertThat(token.audience()).containsExactly(audience);
        assertThat(token.string("scope")).isEqualTo(scope);
        assertThat(token.string("grant_id")).isEqualTo(grant);
    }

    /** Introspection by the client serving the token's audience: active, with the user and the holder. */
    private static void assertActive(ClientCredential audienceServer, IssuedToken token, String user,
                                     ClientCredential holder) {
        OAuthClient.Response response = oauth.introspect(audienceServer, token.serialized());
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("active").asBoolean()).as("introspection of %s: %s", token.jti(), body).isTrue();
        assertThat(body.path("sub").asText()).isEqualTo(user);
        assertThat(body.path("client_id").asText()).isEqualTo(holder.clientId());
        assertThat(body.path("jti").asText()).isEqualTo(token.jti());
        assertThat(body.path("act").path("sub").asText()).isEqualTo(holder.clientId());
    }

    private static List<TokenExchanged> exchangedEvents(String grantId, List<String> jtis) {
        return events(envelope -> envelope.payload() instanceof TokenExchanged exchanged
                && exchanged.grantId().value().equals(grantId) && jtis.contains(exchanged.jti().value()), jtis.size())
                .stream().map(envelope -> (TokenExchanged) envelope.payload()).toList();
    }

    private static List<EventEnvelope> events(Predicate<EventEnvelope> wanted, int count) {
        return KafkaProbe.awaitEvents(mandate.stack().kafkaBootstrapServers(), Topics.TOKENS, started, wanted, count,
                KAFKA_TIMEOUT);
    }
}
