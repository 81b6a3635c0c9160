package io.mandate.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.query.support.LiveQueryServiceIT;
import io.mandate.query.support.ApiClient.Reply;
import io.mandate.query.testdata.TestClients;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history published to Kafka, indexed by the real Elasticsearch, and asked about at several
 * instants: the answer follows what was recorded by then, not the grants' current state.
 */
class AuthorityIT extends LiveQueryServiceIT {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
    @Test
    void authorityWhenAskedAtTThenGrantsRevokedAfterTListedAndThoseEndedBeforeTAbsent() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        UserId alice = UserId.of("alice-" + unique);
        ClientId agent = ClientId.of("agent-" + unique);
        ClientId suspendedAgent = ClientId.of("suspended-" + unique);
        GrantCreated standing = grant(alice, agent, T.minusSeconds(7200));
        GrantCreated revokedAfterT = grant(alice, agent, T.minusSeconds(7100));
        GrantCreated revokedBeforeT = grant(alice, agent, T.minusSeconds(7000));
        GrantCreated ofSuspendedAgent = grant(alice, suspendedAgent, T.minusSeconds(6900));
        GrantCreated createdAfterT = grant(alice, agent, T.plusSeconds(60));
        publish(standing, 0, standing.createdAt());
        publish(revokedAfterT, 0, revokedAfterT.createdAt());
        publish(revokedBeforeT, 0, revokedBeforeT.createdAt());
        publish(ofSuspendedAgent, 0, ofSuspendedAgent.createdAt());
        publish(createdAfterT, 0, createdAfterT.createdAt());
        publish(TestGrants.revoked(revokedBeforeT, T.minusSeconds(3600)), 1, T.minusSeconds(3600));
        publish(TestGrants.revoked(revokedAfterT, T.plusSeconds(3600)), 1, T.plusSeconds(3600));
        publish(TestClients.suspended(suspendedAgent, T.minusSeconds(600)), 1, T.minusSeconds(600));
        publish(TestClients.clientRevoked(agent, T.plusSeconds(7200)), 0, T.plusSeconds(7200));
        // The current state of all of them is "revoked": the grants index could not answer this.
        api().awaitTotal("/api/events/search?user=" + alice.value(), 7);
        api().awaitTotal("/api/events/search?type=ClientRevoked&client=" + agent.value(), 1);
        api().awaitTotal("/api/events/search?type=ClientSuspended&client=" + suspendedAgent.value(), 1);

        JsonNode atT = ok("/api/authority?at=" + T + "&user=" + alice.value());

        assertThat(grantIds(atT)).containsExactly(standing.grantId().value(), revokedAfterT.grantId().value());
        JsonNode first = atT.get("grants").get(0);
        assertThat(first.get("userId").asText()).isEqualTo(alice.value());
        assertThat(first.get("agentId").asText()).isEqualTo(agent.value());
        assertThat(first.get("audience").asText()).isEqualTo("https://calendar.example.com");
        assertThat(first.get("scopes").toString()).isEqualTo("[\"calendar.read\",\"calendar.write\"]");
        assertThat(first.get("policy").get("allowedNextClients").toString()).isEqualTo("[\"mcp-a\",\"mcp-b\"]");
        assertThat(first.get("policy").get("maxDepth").asInt()).isEqualTo(3);
        assertThat(first.get("since").asText()).isEqualTo(T.minusSeconds(7200).toString());
        assertThat(atT.get("at").asText()).isEqualTo(T.toString());

        assertThat(grantIds(ok("/api/authority?at=" + T.minusSeconds(6950) + "&user=" + alice.value())))
                .containsExactly(standing.grantId().value(), revokedAfterT.grantId().value(),
                        revokedBeforeT.grantId().value());
        assertThat(grantIds(ok("/api/authority?at=" + T.minusSeconds(650) + "&client=" + suspendedAgent.value())))
                .containsExactly(ofSuspendedAgent.grantId().value());
        assertThat(grantIds(ok("/api/authority?at=" + T.plusSeconds(120) + "&user=" + alice.value()
                + "&client=" + agent.value())))
                .containsExactly(standing.grantId().value(), revokedAfterT.grantId().value(),
                        createdAfterT.grantId().value());
        assertThat(grantIds(ok("/api/authority?at=" + T.plusSeconds(7200) + "&user=" + alice.value()))).isEmpty();
    }

    @Test
    void authorityWhenInputIsMalformedThenProblemNamingTheParameter() {
        assertBadRequest("/api/authority?user=alice", "at");
        assertBadRequest("/api/authority?at=last-tuesday&user=alice", "at");
        assertBadRequest("/api/authority?at=2999-01-01T00:00:00Z&user=alice", "at");
        assertBadRequest("/api/authority?at=" + T, "user");
        assertThat(api().anonymously("/api/authority?at=" + T + "&user=alice").status()).isEqualTo(401);
    }

    private void assertBadRequest(String path, String parameter) {
        Reply reply = api().asInvestigator(path);
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).as(path).contains("'" + parameter + "'");
    }

    private static GrantCreated grant(UserId user, ClientId agent, Instant createdAt) {
        GrantCreated template = TestGrants.aGrantCreated();
        return new GrantCreated(GrantId.random(), user, agent, template.audience(), template.scopes(),
                template.policy(), null, "admin", createdAt);
    }

    private static void publish(MandateEvent event, long sequence, Instant occurredAt) {
        producer.publish(TestGrants.envelopeOf(event, sequence, occurredAt));
    }

    private JsonNode ok(String path) {
        Reply reply = api().asInvestigator(path);
        assertThat(reply.status()).as(path + " → " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> grantIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("grants").forEach(grant -> ids.add(grant.get("grantId").asText()));
        return ids;
    }
}
