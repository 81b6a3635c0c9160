package io.mandate.messages;

import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.key.SigningKeyActivated;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.key.SigningKeyRetired;
import io.mandate.messages.consent.ConsentDenied;
import io.mandate.messages.grant.GrantOrigin;
import io.mandate.messages.token.AuthorizationCodeRedeemed;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.SoftwareStatementRef;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.EventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every catalogued event survives the wire, and the catalogue has no event without a sample here. */
class CatalogRoundTripTest {

    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
    private static final ClientId AGENT = ClientId.of("travel-agent");
    private static final ClientId MCP = ClientId.of("calendar-mcp");
    private static final UserId ALICE = UserId.of("alice");
    private static final GrantId GRANT = GrantId.of("grt_1");

    static Stream<MandateEvent> samples() {
        return Stream.of(
                new ClientRegistered(AGENT, ClientKind.AGENT, "Travel agent", "team-travel", Scopes.of("calendar.read"),
                        List.of(), RegistrationPath.ADMIN, "admin", T),
                new ClientRegistered(AGENT, ClientKind.AGENT, "Travel agent", "team-travel", Scopes.of("calendar.read"),
                        List.of(), RegistrationPath.DYNAMIC_REGISTRATION, "registrar", T,
                        List.of("https://travel.example/cb", "http://127.0.0.1/cb"),
                        new SoftwareStatementRef("https://statements.example", "travel-agent-sw", "1.2")),
                new ClientCredentialsSet(AGENT, new ClientCredentials(TokenEndpointAuthMethod.PRIVATE_KEY_JWT, null,
                        "{\"keys\":[]}"), "admin", T),
                new ClientCredentialsSet(AGENT, new ClientCredentials(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
                        "sha256:abc", null), "admin", T),
                new ClientMetadataUpdated(AGENT, "Travel agent 2", Scopes.of("calendar.read"), List.of(),
                        List.of("https://travel.example/cb2"), null, "registrar", T),
                new ClientSuspended(AGENT, "investigation", "admin", T),
                new ClientReinstated(AGENT, "cleared", "admin", T),
                new ClientDeleted(AGENT, "retired", "admin", T),
                new GrantCreated(GRANT, ALICE, AGENT, "https://calendar.example", Scopes.of("calendar.read"),
                        new DelegationPolicy(Set.of(), Set.of(ClientKind.MCP_SERVER), 2, Scopes.of()), null, "admin", T),
                new GrantCreated(GrantId.of("grt_2"), ALICE, AGENT, "https://calendar.example", Scopes.of("calendar.read"),
                        new DelegationPolicy(Set.of(), Set.of(), 1, Scopes.of()), T.plusSeconds(86400), "user:alice", T,
                        GrantOrigin.CONSENT, "https://login.example/realms/corp"),
                new AuthorizationCodeRedeemed(Jti.of("jti-4"), "code-1", GrantId.of("grt_2"), ALICE, AGENT,
                        "https://calendar.example", Scopes.of("calendar.read"), null, "kid-1", T, T.plusSeconds(300)),
                new ConsentDenied("den-1", ALICE, AGENT, "https://calendar.example", Scopes.of("calendar.read"), T),
                new GrantRevoked(GRANT, ALICE, AGENT, "user withdrew", "admin", T),
                new GrantExpired(GRANT, ALICE, AGENT, T),
                new TokenRevoked(Jti.of("jti-1"), "leaked", "responder", T),
                new ClientRevoked(AGENT, "prompt injection", "responder", T),
                new UserRevoked(ALICE, "account compromised", "responder", T),
                new TokenExchanged(Jti.of("jti-2"), Jti.of("jti-1"), List.of(Jti.of("jti-1")), GRANT, ALICE, MCP,
                        List.of(MCP, AGENT), "https://calendar.example", Scopes.of("calendar.read"),
                        "https://mandate.example", "jti-1", "kid-1", T, T.plusSeconds(300)),
                new ClientTokenIssued(Jti.of("jti-3"), AGENT, "https://calendar.example", Scopes.of("calendar.read"),
                        "kid-1", T, T.plusSeconds(300)),
                new TokenExchangeRefused("ref-1", "urn:ietf:params:oauth:grant-type:token-exchange", AGENT, true,
                        "invalid_scope", "scope_exceeds_parent", "jti-1", GRANT, ALICE, "calendar.write",
                        "https://calendar.example", T),
                new SigningKeyCreated("kid-1", "ES256", "{\"kty\":\"EC\"}", "issuer-1", T),
                new SigningKeyActivated("kid-1", T),
                new SigningKeyRetired("kid-1", T, T.plusSeconds(600)));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void encodeThenDecodeWhenCataloguedThenEqual(MandateEvent event) {
        EventCodec codec = new EventCodec();
        EventEnvelope envelope = EventEnvelope.wrap("evt", 3, T, event);

        assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void tokenEventsWhenKeyedThenOneGrantSharesAPartitionKey() {
        MandateEvent exchanged = samples().filter(TokenExchanged.class::isInstance).findFirst().orElseThrow();

        assertThat(EventEnvelope.wrap("evt", 0, T, exchanged).partitionKey()).isEqualTo(GRANT.value());
        assertThat(exchanged.aggregateId()).isEqualTo("issued:jti-2");
        assertThat(new ClientRevoked(AGENT, "r", "a", T).partitionKey()).isEqualTo("client:travel-agent");
    }

    @Test
    void credentialsWhenInconsistentThenRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new ClientCredentials(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, "plain-secret", null));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new ClientCredentials(TokenEndpointAuthMethod.PRIVATE_KEY_JWT, null, null));
        assertThat(TokenEndpointAuthMethod.fromWireName("private_key_jwt")).isEqualTo(TokenEndpointAuthMethod.PRIVATE_KEY_JWT);
    }

    @Test
    void grantCreatedWhenRevisionOnePayloadThenReadAsAdminOrigin() {
        String revisionOne = """
                {"eventId":"e1","type":"GrantCreated","revision":1,"aggregateId":"grt_1","sequence":0,
                 "occurredAt":"2026-11-28T12:00:00Z","payload":{"grantId":"grt_1","userId":"alice",
                 "agentId":"travel-agent","audience":"https://calendar.example","scopes":["calendar.read"],
                 "policy":{"allowedNextClients":[],"allowedNextKinds":[],"maxDepth":1,"approvalScopes":[]},
                 "createdBy":"admin","createdAt":"2026-11-28T12:00:00Z"}}""";

        EventEnvelope envelope = new EventCodec().decode(revisionOne.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(((GrantCreated) envelope.payload()).origin()).isEqualTo(GrantOrigin.ADMIN);
    }

    @Test
    void grantCreatedWhenRevisionTwoPayloadThenReadWithoutAuthenticatedBy() {
        String revisionTwo = """
                {"eventId":"e2","type":"GrantCreated","revision":2,"aggregateId":"grt_2","sequence":0,
                 "occurredAt":"2026-11-28T12:00:00Z","payload":{"grantId":"grt_2","userId":"alice",
                 "agentId":"travel-agent","audience":"https://calendar.example","scopes":["calendar.read"],
                 "policy":{"allowedNextClients":[],"allowedNextKinds":[],"maxDepth":1,"approvalScopes":[]},
                 "createdBy":"user:alice","createdAt":"2026-11-28T12:00:00Z","origin":"CONSENT"}}""";

        GrantCreated created = (GrantCreated) new EventCodec()
                .decode(revisionTwo.getBytes(java.nio.charset.StandardCharsets.UTF_8)).payload();

        assertThat(created.origin()).isEqualTo(GrantOrigin.CONSENT);
        assertThat(created.authenticatedBy()).isNull();
    }

    @Test
    void catalogueWhenListedThenEveryTypeHasASample() {
        assertThat(samples().map(Object::getClass).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.ALL.stream().map(EventType::javaType).toList());
    }

    @Test
    void revocationKeysWhenComparedThenNeverCollideWithClientOrGrantIds() {
        assertThat(new ClientRevoked(AGENT, "r", "a", T).aggregateId()).isEqualTo("client:travel-agent")
                .isNotEqualTo(new ClientSuspended(AGENT, "r", "a", T).aggregateId());
        assertThat(new UserRevoked(ALICE, "r", "a", T).aggregateId()).isEqualTo("user:alice");
        assertThat(new TokenRevoked(Jti.of("j"), "r", "a", T).aggregateId()).isEqualTo("token:j");
    }
}
