package io.mandate.messages;

import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.SoftwareStatementRef;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.MalformedEventException;
import io.mandate.messages.wire.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void encodeThenDecodeWhenGrantCreatedThenSameEnvelope() {
        GrantCreated created = new GrantCreated(GrantId.of("grt_1"), UserId.of("alice"), ClientId.of("travel-agent"),
                "https://calendar.example", Scopes.of("calendar.write", "calendar.read"),
                new DelegationPolicy(Set.of(ClientId.of("mcp-calendar")), Set.of(ClientKind.MCP_SERVER), 3,
                        Scopes.of("calendar.write")),
                Instant.parse("2027-01-01T00:00:00Z"), "admin", Instant.parse("2026-11-28T10:00:00Z"));
        EventEnvelope envelope = EventEnvelope.wrap("evt-1", 0, Instant.parse("2026-11-28T10:00:00.123Z"), created);

        byte[] bytes = codec.encode(envelope);
        EventEnvelope decoded = codec.decode(bytes);

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.topic()).isEqualTo(Topics.GRANTS);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"type\":\"GrantCreated\"", "\"aggregateId\":\"grt_1\"",
                        "\"scopes\":[\"calendar.read\",\"calendar.write\"]", "\"userId\":\"alice\"");
    }

    @Test
    void decodeWhenClientRegisteredRevision1ThenNoRedirectUrisAndNoSoftwareStatement() {
        String revision1 = """
                {"eventId":"e1","type":"ClientRegistered","revision":1,"aggregateId":"old-agent","sequence":0,
                 "occurredAt":"2026-11-28T10:00:00Z","payload":{"clientId":"old-agent","kind":"AGENT","name":"Old",
                 "owner":"team","allowedScopes":["a"],"resourceUris":[],"registrationPath":"ADMIN",
                 "registeredBy":"admin","registeredAt":"2026-11-28T10:00:00Z"}}""";

        EventEnvelope decoded = codec.decode(revision1.getBytes(StandardCharsets.UTF_8));

        ClientRegistered registered = (ClientRegistered) decoded.payload();
        assertThat(decoded.revision()).isEqualTo(1);
        assertThat(registered.redirectUris()).isEmpty();
        assertThat(registered.softwareStatement()).isNull();
        assertThat(registered.registrationPath()).isEqualTo(RegistrationPath.ADMIN);
    }

    @Test
    void encodeWhenClientRegisteredThenRevision2WithRedirectUrisAndStatementReference() {
        ClientRegistered registered = new ClientRegistered(ClientId.of("dyn-agent"), ClientKind.AGENT, "Dyn", "team",
                Scopes.of("a"), List.of(), RegistrationPath.DYNAMIC_REGISTRATION, "registrar",
                Instant.parse("2026-11-28T10:00:00Z"), List.of("https://dyn.example/cb"),
                new SoftwareStatementRef("https://statements.example", "sw-1", null));

        String json = new String(codec.encode(EventEnvelope.wrap("e2", 0, Instant.parse("2026-11-28T10:00:00Z"),
                registered)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"revision\":2", "\"redirectUris\":[\"https://dyn.example/cb\"]",
                "\"softwareStatement\":{\"issuer\":\"https://statements.example\",\"softwareId\":\"sw-1\"");
    }

    @Test
    void decodeWhenTypeUnknownThenMalformedEvent() {
        byte[] bytes = "{\"type\":\"Nope\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown event type Nope");
    }

    @Test
    void decodeWhenNotJsonThenMalformedEvent() {
        assertThatThrownBy(() -> codec.decode("{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void decodeWhenPayloadBreaksAnInvariantThenMalformedEvent() {
        String json = "{\"eventId\":\"e\",\"type\":\"GrantCreated\",\"revision\":1,\"aggregateId\":\"g\","
                + "\"sequence\":0,\"occurredAt\":\"2026-11-28T10:00:00Z\",\"payload\":{\"grantId\":\" \"}}";

        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("GrantCreated");
    }
}
