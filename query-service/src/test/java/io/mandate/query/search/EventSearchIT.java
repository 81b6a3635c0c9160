package io.mandate.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.query.support.LiveQueryServiceIT;
import io.mandate.query.support.ApiClient.Reply;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user's story through Kafka and the real Elasticsearch, searched by every filter and read
 * page after page through a point in time.
 */
class EventSearchIT extends LiveQueryServiceIT {

    private static final Instant BASE = Instant.parse("2026-06-01T08:00:00Z");
    private String unique;
    private UserId user;
    private ClientId agent;
    private ClientId mcp;
    private ClientId downstream;
    private final List<String> eventIds = new ArrayList<>();

    @BeforeEach
    void aStory() {
        unique = UUID.randomUUID().toString().substring(0, 8);
        user = UserId.of("user-" + unique);
        agent = ClientId.of("agent-" + unique);
        mcp = ClientId.of("mcp-" + unique);
        downstream = ClientId.of("downstream-" + unique);
        GrantCreated grant = grant(agent);
        publish(grant, 0, 0);                                                     // lifecycle
        // downstream holds it; mcp is in the middle of the chain only; agent is the grant's agent
        publish(new TokenExchanged(Jti.of("jti-" + unique), null, List.of(), grant.grantId(), user, downstream,
                List.of(downstream, mcp, agent), "https://calendar.example.com", Scopes.of("calendar.read"),
                "https://idp.example", "subject", "kid-1", BASE.plusSeconds(10), BASE.plusSeconds(310)), 0, 10);
        publish(TestTokens.refused(mcp, grant.grantId(), user, BASE.plusSeconds(20)), 0, 20); // asks calendar.delete
        publish(TestGrants.revoked(grant, BASE.plusSeconds(30)), 1, 30);
        for (int i = 0; i < 6; i++) {
            publish(grant(ClientId.of("other-" + unique)), 0, 40 + i);
        }
        api().awaitTotal(search("user=" + user.value()), 10);
    }

    @Test
    void searchWhenPagedWithCursorThenEveryEventOnceInOrderAndTheLastPageHasNoNext() {
        List<String> seen = new ArrayList<>();
        JsonNode page = ok(search("user=" + user.value() + "&size=3"));
        assertThat(page.get("total").asLong()).isEqualTo(10);
        int pages = 1;
        collect(page, seen);
        while (!page.get("next").isNull()) {
            page = ok(search("cursor=" + page.get("next").asText() + "&size=3"));
            assertThat(page.get("total").asLong()).isEqualTo(10);
            collect(page, seen);
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(eventIds);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void searchWhenEventsArriveBetweenPagesThenThePointInTimeDoesNotSeeThem() {
        JsonNode first = ok(search("user=" + user.value() + "&size=5&order=desc"));
        publish(grant(agent), 0, 3600);
        api().awaitTotal(search("user=" + user.value()), 11);

        JsonNode second = ok(search("cursor=" + first.get("next").asText() + "&size=5"));

        List<String> seen = new ArrayList<>();
        collect(first, seen);
        collect(second, seen);
        assertThat(second.get("total").asLong()).isEqualTo(10);
        List<String> newestFirst = new ArrayList<>(eventIds.subList(0, 10));
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(second.get("next").isNull() || ok(search("cursor=" + second.get("next").asText()))
                .get("items").isEmpty()).isTrue();
    }

    @Test
    void searchWhenFilteredByClientThenHolderGrantAgentAndMiddleOfChainAllMatch() {
        assertThat(types(ok(search("user=" + user.value() + "&client=" + mcp.value()))))
                .containsExactly("TokenExchanged", "TokenExchangeRefused");
        assertThat(types(ok(search("client=" + agent.value()))))
                .containsExactly("GrantCreated", "TokenExchanged", "GrantRevoked");
        assertThat(types(ok(search("client=" + downstream.value())))).containsExactly("TokenExchanged");
    }

    @Test
    void searchWhenFilteredByOutcomeTypeScopeAudienceAndTimeThenOnlyThoseEvents() {
        String mine = "user=" + user.value();
        assertThat(types(ok(search(mine + "&outcome=refused")))).containsExactly("TokenExchangeRefused");
        assertThat(types(ok(search(mine + "&outcome=issued&outcome=revoked"))))
                .containsExactly("TokenExchanged", "GrantRevoked");
        assertThat(ok(search(mine + "&outcome=lifecycle")).get("total").asLong()).isEqualTo(7);
        assertThat(types(ok(search(mine + "&type=GrantRevoked,TokenExchanged"))))
                .containsExactly("TokenExchanged", "GrantRevoked");
        assertThat(types(ok(search(mine + "&scope=calendar.delete")))).containsExactly("TokenExchangeRefused");
        assertThat(ok(search(mine + "&scope=calendar.write")).get("total").asLong()).isEqualTo(7);
        // every event but the revocation, which names no audience
        assertThat(ok(search(mine + "&audience=" + encode("https://calendar.example.com"))).get("total").asLong())
                .isEqualTo(9);
        assertThat(types(ok(search(mine + "&from=" + BASE.plusSeconds(10) + "&to=" + encode("2026-06-01T10:00:30+02:00")))))
                .containsExactly("TokenExchanged", "TokenExchangeRefused");
    }

    @Test
    void searchWhenInputIsMalformedThenProblemNamingTheParameter() {
        assertBadRequest(search("size=0"), "size");
        assertBadRequest(search("size=501"), "size");
        assertBadRequest(search("from=yesterday"), "from");
        assertBadRequest(search("from=2026-06-01"), "from");
        assertBadRequest(search("from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z"), "to");
        assertBadRequest(search("outcome=maybe"), "outcome");
        assertBadRequest(search("type=NoSuchEvent"), "type");
        assertBadRequest(search("order=sideways"), "order");
        assertBadRequest(search("cursor=not-a-cursor"), "cursor");
        String next = ok(search("user=" + user.value() + "&size=2")).get("next").asText();
        assertBadRequest(search("cursor=" + next + "&user=someone-else"), "cursor");
        assertThat(ok(search("cursor=" + next + "&user=" + user.value() + "&size=2")).get("items")).hasSize(2);
    }

    @Test
    void searchWhenCursorNamesAnUnknownPointInTimeThenProblemNamingCursor() {
        String next = ok(search("user=" + user.value() + "&size=2")).get("next").asText();
        SearchCursor real = SearchCursor.decode(next);
        String forged = new SearchCursor("bm90IGEgcGl0IGlk", real.afterOccurredAt(), real.afterEventId(),
                real.filters()).encode();

        assertBadRequest(search("cursor=" + forged), "cursor");
    }

    @Test
    void searchWhenAnonymousThenUnauthorized() {
        assertThat(api().anonymously(search("user=" + user.value())).status()).isEqualTo(401);
    }

    private void assertBadRequest(String path, String parameter) {
        Reply reply = api().asInvestigator(path);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").get(0).get("parameter").asText()).as(path).isEqualTo(parameter);
    }

    private GrantCreated grant(ClientId holder) {
        GrantCreated template = TestGrants.aGrantCreated();
        return new GrantCreated(GrantId.random(), user, holder, template.audience(), template.scopes(),
                template.policy(), template.expiresAt(), "admin", BASE);
    }

    private void publish(MandateEvent event, long sequence, long secondsAfterBase) {
        var envelope = TestGrants.envelopeOf(event, sequence, BASE.plusSeconds(secondsAfterBase));
        producer.publish(envelope);
        eventIds.add(envelope.eventId());
    }

    private JsonNode ok(String path) {
        Reply reply = api().asInvestigator(path);
        assertThat(reply.status()).as(path + " → " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void collect(JsonNode page, List<String> into) {
        page.get("items").forEach(item -> into.add(item.get("eventId").asText()));
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("items").forEach(item -> types.add(item.get("type").asText()));
        return types;
    }

    private static String search(String query) {
        return "/api/events/search?" + query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
