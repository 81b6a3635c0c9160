package io.mandate.command.client;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCommands.ReinstateClient;
import io.mandate.messages.client.ClientCommands.SetClientCredentials;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.client.ClientCommands.UpdateClientMetadata;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.hamcrest.Matchers.startsWith;

class ClientAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);
    private static final ClientId CALENDAR = ClientId.of("calendar-api");
    private static final ClientCredentials SECRET_A = secret("sha256:first-secret-hash");
    private static final ClientCredentials SECRET_B = secret("sha256:second-secret-hash");
    private static final String KEYS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83O\",\"y\":\"x_FE\"}]}";
    private static final String SAME_KEYS_REORDERED = "{ \"keys\": [ {\"y\":\"x_FE\", \"x\":\"f83O\", \"crv\":\"P-256\", \"kty\":\"EC\"} ] }";
    private static final String OTHER_KEYS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"BBBB\"}]}";

    private FixtureConfiguration<ClientAggregate> fixture;

    @BeforeEach
    void setUp() {
        AggregateTestFixture<ClientAggregate> fixture = new AggregateTestFixture<>(ClientAggregate.class);
        fixture.registerCommandTargetResolver(new ClientCommandTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        this.fixture = fixture;
    }

    private static ClientCredentials secret(String hash) {
        return new ClientCredentials(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, hash, null);
    }

    private static ClientCredentials jwks(String json) {
        return new ClientCredentials(TokenEndpointAuthMethod.PRIVATE_KEY_JWT, null, json);
    }

    private static RegisterClient register(ClientKind kind, String name, String owner, Scopes scopes, List<String> uris) {
        return new RegisterClient(CALENDAR, kind, name, owner, scopes, uris, RegistrationPath.ADMIN, "admin", SECRET_A);
    }

    private static RegisterClient calendarServer() {
        return calendarServer(SECRET_A);
    }

    private static RegisterClient calendarServer(ClientCredentials credentials) {
        return new RegisterClient(CALENDAR, ClientKind.RESOURCE_SERVER, "Calendar API", "team-calendar",
                Scopes.of("calendar.read"), List.of("https://calendar.example/api"), RegistrationPath.ADMIN, "admin",
                credentials);
    }

    private static ClientCredentialsSet credentialsSet(ClientCredentials credentials, String by, Instant at) {
        return new ClientCredentialsSet(CALENDAR, credentials, by, at);
    }

    /** A rotation as stored with its Idempotency-Key in the metadata. */
    private static GenericEventMessage<ClientCredentialsSet> rotatedWithKey(ClientCredentials credentials, String by,
                                                                            String key) {
        return new GenericEventMessage<>(credentialsSet(credentials, by, EARLIER),
                MetaData.with(ClientRequestKeys.METADATA_KEY, key));
    }

    private static GenericCommandMessage<SetClientCredentials> rotateWithKey(ClientCredentials credentials, String by,
                                                                             String key) {
        return new GenericCommandMessage<>(new SetClientCredentials(CALENDAR, credentials, by),
                MetaData.with(ClientRequestKeys.METADATA_KEY, key));
    }

    private static ClientRegistered calendarRegistered(Instant at) {
        return new ClientRegistered(CALENDAR, ClientKind.RESOURCE_SERVER, "Calendar API", "team-calendar",
                Scopes.of("calendar.read"), List.of("https://calendar.example/api"), RegistrationPath.ADMIN, "admin", at);
    }

    @Test
    void registerWhenValidThenClientRegisteredAndCredentialsSetByCallerAtClockTime() {
        fixture.givenNoPriorActivity()
                .when(calendarServer())
                .expectEvents(calendarRegistered(NOW), credentialsSet(SECRET_A, "admin", NOW))
                .expectResultMessagePayload(RegisterClientOutcome.CREATED);
    }

    private static RegisterClient agentWithRedirects(ClientKind kind, List<String> redirectUris) {
        return new RegisterClient(CALENDAR, kind, "Agent", "alice", Scopes.of("calendar.read"),
                kind == ClientKind.AGENT ? List.of() : List.of("https://calendar.example/api"), RegistrationPath.ADMIN,
                "admin", SECRET_A, redirectUris, null);
    }

    @Test
    void registerWhenRedirectUrisThenClientRegisteredCarriesThemAsGiven() {
        List<String> redirects = List.of("https://agent.example/callback", "http://127.0.0.1/cb", "com.example.app:/cb");
        fixture.givenNoPriorActivity()
                .when(agentWithRedirects(ClientKind.AGENT, redirects))
                .expectEvents(new ClientRegistered(CALENDAR, ClientKind.AGENT, "Agent", "alice", Scopes.of("calendar.read"),
                                List.of(), RegistrationPath.ADMIN, "admin", NOW, redirects, null),
                        credentialsSet(SECRET_A, "admin", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://agent.example/cb#frag", "/relative/cb", "javascript:alert(1)", "not a uri"})
    void registerWhenRedirectUriNotAbsoluteOrHasFragmentThenRedirectUrisRefused(String uri) {
        fixture.givenNoPriorActivity()
                .when(agentWithRedirects(ClientKind.AGENT, List.of(uri)))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("redirectUris"))
                .expectNoEvents();
    }

    @Test
    void registerWhenResourceServerHasRedirectUrisThenRefused() {
        fixture.givenNoPriorActivity()
                .when(agentWithRedirects(ClientKind.RESOURCE_SERVER, List.of("https://api.example/cb")))
                .expectException(InvalidFieldException.class)
                .expectNoEvents();
    }

    @Test
    void registerAgainWhenRedirectUrisDifferThenConflict() {
        fixture.given(new ClientRegistered(CALENDAR, ClientKind.AGENT, "Agent", "alice", Scopes.of("calendar.read"),
                        List.of(), RegistrationPath.ADMIN, "admin", EARLIER, List.of("https://agent.example/cb"), null),
                        credentialsSet(SECRET_A, "admin", EARLIER))
                .when(agentWithRedirects(ClientKind.AGENT, List.of("https://evil.example/cb")))
                .expectException(ClientConflictException.class)
                .expectNoEvents();
    }

    private static final List<String> CB = List.of("https://agent.example/cb");

    private static ClientRegistered dynamicAgentRegistered() {
        return new ClientRegistered(CALENDAR, ClientKind.AGENT, "Agent", "alice", Scopes.of("calendar.read"), List.of(),
                RegistrationPath.DYNAMIC_REGISTRATION, "registrar", EARLIER, CB, null);
    }

    private static UpdateClientMetadata update(String name, List<String> redirects, ClientCredentials credentials) {
        return new UpdateClientMetadata(CALENDAR, name, Scopes.of("calendar.read"), List.of(), redirects, null,
                credentials, "registrar");
    }

    @Test
    void updateWhenDescriptionChangesThenClientMetadataUpdatedWithTheWholeNewDescription() {
        List<String> redirects = List.of("https://agent.example/cb", "https://agent.example/cb2");
        fixture.given(dynamicAgentRegistered(), credentialsSet(SECRET_A, "registrar", EARLIER))
                .when(update("Agent v2", redirects, null))
                .expectEvents(new ClientMetadataUpdated(CALENDAR, "Agent v2", Scopes.of("calendar.read"), List.of(),
                        redirects, null, "registrar", NOW))
                .expectResultMessagePayload(new UpdateClientOutcome(true, false));
    }

    @Test
    void updateWhenSameDescriptionAndSameMethodWithNewSecretThenNothingWritten() {
        fixture.given(dynamicAgentRegistered(), credentialsSet(SECRET_A, "registrar", EARLIER))
                .when(update("Agent", List.of("https://agent.example/cb"), SECRET_B))
                .expectNoEvents()
                .expectResultMessagePayload(new UpdateClientOutcome(false, false));
    }

    @Test
    void updateWhenOnlyTheKeysChangeThenOnlyCredentialsSet() {
        fixture.given(dynamicAgentRegistered(), credentialsSet(jwks(KEYS), "registrar", EARLIER))
                .when(update("Agent", CB, jwks(OTHER_KEYS)))
                .expectEvents(credentialsSet(jwks(OTHER_KEYS), "registrar", NOW))
                .expectResultMessagePayload(new UpdateClientOutcome(false, true));
    }

    @Test
    void updateWhenAfterAnUpdateTheOriginalRegistrationIsRepeatedThenConflict() {
        fixture.given(dynamicAgentRegistered(), credentialsSet(SECRET_A, "registrar", EARLIER),
                        new ClientMetadataUpdated(CALENDAR, "Agent v2", Scopes.of("calendar.read"), List.of(), CB, null,
                                "registrar", EARLIER))
                .when(new RegisterClient(CALENDAR, ClientKind.AGENT, "Agent", "alice", Scopes.of("calendar.read"),
                        List.of(), RegistrationPath.DYNAMIC_REGISTRATION, "registrar", SECRET_A, CB, null))
                .expectException(ClientConflictException.class)
                .expectNoEvents();
    }

    @Test
    void updateWhenDeletedThenConflict() {
        fixture.given(dynamicAgentRegistered(), new ClientDeleted(CALENDAR, "gone", "registrar", EARLIER))
                .when(update("Agent v2", CB, null))
                .expectException(ClientConflictException.class)
                .expectNoEvents();
    }

    @Test
    void updateWhenRedirectUriHasFragmentThenRefusedAndNothingWritten() {
        fixture.given(dynamicAgentRegistered())
                .when(update("Agent", List.of("https://agent.example/cb#x"), null))
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("redirectUris"))
                .expectNoEvents();
    }

    @Test
    void updateWhenNeverRegisteredThenAggregateNotFound() {
        fixture.givenNoPriorActivity()
                .when(update("Agent", CB, null))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void registerWhenPrivateKeyJwtThenCredentialsSetCarryTheKeys() {
        fixture.givenNoPriorActivity()
                .when(calendarServer(jwks(KEYS)))
                .expectEvents(calendarRegistered(NOW), credentialsSet(jwks(KEYS), "admin", NOW));
    }

    @Test
    void registerWhenSameDescriptionWithNewSecretThenNoEventAndTheFirstSecretStays() {
        fixture.given(calendarRegistered(EARLIER), credentialsSet(SECRET_A, "admin", EARLIER))
                .when(calendarServer(SECRET_B))
                .expectNoEvents()
                .expectResultMessagePayload(RegisterClientOutcome.ALREADY_EXISTED);
    }

    @Test
    void registerWhenSameDescriptionButAnotherAuthMethodThenConflict() {
        fixture.given(calendarRegistered(EARLIER), credentialsSet(SECRET_A, "admin", EARLIER))
                .when(calendarServer(ClientCredentials.none()))
                .expectNoEvents()
                .expectException(ClientConflictException.class);
    }

    @Test
    void registerWhenSameKeysInAnotherMemberOrderThenAlreadyExisted() {
        fixture.given(calendarRegistered(EARLIER), credentialsSet(jwks(KEYS), "admin", EARLIER))
                .when(calendarServer(jwks(SAME_KEYS_REORDERED)))
                .expectNoEvents()
                .expectResultMessagePayload(RegisterClientOutcome.ALREADY_EXISTED);
    }

    @Test
    void registerWhenOtherKeysThenConflict() {
        fixture.given(calendarRegistered(EARLIER), credentialsSet(jwks(KEYS), "admin", EARLIER))
                .when(calendarServer(jwks(OTHER_KEYS)))
                .expectNoEvents()
                .expectException(ClientConflictException.class);
    }

    @Test
    void registerWhenRotatedSinceThenTheOriginalRequestIsStillTheSameDescription() {
        fixture.given(calendarRegistered(EARLIER), credentialsSet(SECRET_A, "admin", EARLIER),
                        credentialsSet(jwks(KEYS), "admin", NOW))
                .when(calendarServer(SECRET_B))
                .expectNoEvents()
                .expectResultMessagePayload(RegisterClientOutcome.ALREADY_EXISTED);
    }

    @Test
    void registerWhenRegisteredBeforeCredentialsExistedThenAnyMethodIsTheSameDescription() {
        // Rotated later: that rotation is not the registration's credentials.
        fixture.given(calendarRegistered(EARLIER), credentialsSet(jwks(KEYS), "admin", NOW))
                .when(calendarServer(ClientCredentials.none()))
                .expectNoEvents()
                .expectResultMessagePayload(RegisterClientOutcome.ALREADY_EXISTED);
    }

    @Test
    void registerWhenAgentWithoutResourceUrisThenRegistered() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.AGENT, "Travel", "alice", Scopes.of("calendar.read"), List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(ClientRegistered.class)),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(ClientCredentialsSet.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void registerWhenSameDescriptionAgainThenNoEventAndAlreadyExisted() {
        fixture.given(calendarRegistered(EARLIER))
                .when(calendarServer())
                .expectNoEvents()
                .expectResultMessagePayload(RegisterClientOutcome.ALREADY_EXISTED);
    }

    @Test
    void registerWhenDifferentDescriptionThenConflict() {
        fixture.given(calendarRegistered(EARLIER))
                .when(register(ClientKind.RESOURCE_SERVER, "Calendar API", "team-calendar",
                        Scopes.of("calendar.read", "calendar.write"), List.of("https://calendar.example/api")))
                .expectNoEvents()
                .expectException(ClientConflictException.class);
    }

    @Test
    void registerWhenDeletedThenConflictEvenWithSameDescription() {
        fixture.given(calendarRegistered(EARLIER), new ClientDeleted(CALENDAR, "retired", "admin", EARLIER))
                .when(calendarServer())
                .expectNoEvents()
                .expectException(ClientConflictException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void registerWhenNameBlankThenRejectedNamingName(String name) {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.AGENT, name, "alice", Scopes.of("a"), List.of()))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("name:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grt_0b7c", "token:abc", "client:travel-agent", "user:alice", "issued:jti-1",
            "refusal:r-1", "key:kid-1"})
    void registerWhenClientIdTakesAnotherAggregatesIdFormThenRejectedNamingClientId(String clientId) {
        fixture.givenNoPriorActivity()
                .when(new RegisterClient(ClientId.of(clientId), ClientKind.AGENT, "Agent", "alice", Scopes.of("a"),
                        List.of(), RegistrationPath.ADMIN, "admin", SECRET_A))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("clientId:"));
    }

    @Test
    void registerWhenNameLongerThan200ThenRejectedNamingName() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.AGENT, "n".repeat(201), "alice", Scopes.of("a"), List.of()))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("name:"));
    }

    @Test
    void registerWhenOwnerBlankThenRejectedNamingOwner() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.AGENT, "Travel", " ", Scopes.of("a"), List.of()))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("owner:"));
    }

    @Test
    void registerWhenNoAllowedScopesThenRejectedNamingAllowedScopes() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.AGENT, "Travel", "alice", Scopes.of(), List.of()))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("allowedScopes:"));
    }

    @Test
    void registerWhenResourceServerWithoutUrisThenRejectedNamingResourceUris() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.RESOURCE_SERVER, "Cal", "team", Scopes.of("a"), List.of()))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("resourceUris:"));
    }

    @Test
    void registerWhenMcpServerWithoutUrisThenRejectedNamingResourceUris() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.MCP_SERVER, "Cal", "team", Scopes.of("a"), List.of()))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("resourceUris:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calendar-api", "/api", "urn:example:cal", "ftp://files.example", "https://cal.example/#top",
            "https:///nohost"})
    void registerWhenResourceUriNotAbsoluteHttpWithoutFragmentThenRejected(String uri) {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.RESOURCE_SERVER, "Cal", "team", Scopes.of("a"), List.of(uri)))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("resourceUris:"));
    }

    @Test
    void registerWhenAgentWithResourceUrisThenRejectedNamingResourceUris() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.AGENT, "Travel", "alice", Scopes.of("a"), List.of("https://x.example")))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("resourceUris:"));
    }

    @Test
    void setCredentialsWhenActiveThenCredentialsSetByCallerAtClockTime() {
        fixture.given(calendarRegistered(EARLIER), credentialsSet(SECRET_A, "admin", EARLIER))
                .when(new SetClientCredentials(CALENDAR, jwks(KEYS), "rotator"))
                .expectEvents(credentialsSet(jwks(KEYS), "rotator", NOW))
                .expectResultMessagePayload(SetCredentialsOutcome.WRITTEN);
    }

    @Test
    void setCredentialsWhenSuspendedThenCredentialsSet() {
        fixture.given(calendarRegistered(EARLIER), new ClientSuspended(CALENDAR, "secret leaked", "admin", EARLIER))
                .when(new SetClientCredentials(CALENDAR, SECRET_B, "admin"))
                .expectEvents(credentialsSet(SECRET_B, "admin", NOW));
    }

    @Test
    void setCredentialsWhenDeletedThenConflict() {
        fixture.given(calendarRegistered(EARLIER), new ClientDeleted(CALENDAR, "retired", "admin", EARLIER))
                .when(new SetClientCredentials(CALENDAR, SECRET_B, "admin"))
                .expectNoEvents().expectException(ClientConflictException.class);
    }

    @Test
    void setCredentialsWhenUnknownThenAggregateNotFound() {
        fixture.givenNoPriorActivity()
                .when(new SetClientCredentials(CALENDAR, SECRET_B, "admin"))
                .expectNoEvents().expectException(AggregateNotFoundException.class);
    }

    @Test
    void setCredentialsWhenSameKeyAndSameMethodAgainThenNoEventAndAlreadySet() {
        fixture.given(calendarRegistered(EARLIER), rotatedWithKey(SECRET_A, "admin", "rotate-1"))
                .when(rotateWithKey(SECRET_B, "admin", "rotate-1"))
                .expectNoEvents()
                .expectResultMessagePayload(SetCredentialsOutcome.ALREADY_SET);
    }

    @Test
    void setCredentialsWhenSameKeyForOtherCredentialsThenIdempotencyConflict() {
        fixture.given(calendarRegistered(EARLIER), rotatedWithKey(SECRET_A, "admin", "rotate-1"))
                .when(rotateWithKey(jwks(KEYS), "admin", "rotate-1"))
                .expectNoEvents()
                .expectException(ClientIdempotencyConflictException.class);
    }

    @Test
    void setCredentialsWhenSameKeyFromAnotherPrincipalThenWrittenWithTheKeyInMetadata() {
        fixture.given(calendarRegistered(EARLIER), rotatedWithKey(SECRET_A, "admin", "rotate-1"))
                .when(rotateWithKey(SECRET_B, "other-admin", "rotate-1"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.predicate(event ->
                                event.getPayload().equals(credentialsSet(SECRET_B, "other-admin", NOW))
                                        && "rotate-1".equals(event.getMetaData().get(ClientRequestKeys.METADATA_KEY))),
                        org.axonframework.test.matchers.Matchers.andNoMore()))
                .expectResultMessagePayload(SetCredentialsOutcome.WRITTEN);
    }

    @Test
    void suspendWhenActiveThenClientSuspended() {
        fixture.given(calendarRegistered(EARLIER))
                .when(new SuspendClient(CALENDAR, "compromised key", "admin"))
                .expectEvents(new ClientSuspended(CALENDAR, "compromised key", "admin", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void suspendWhenSuspendedThenNoEventAndNoError() {
        fixture.given(calendarRegistered(EARLIER), new ClientSuspended(CALENDAR, "first", "admin", EARLIER))
                .when(new SuspendClient(CALENDAR, "again", "admin"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void suspendWhenReasonMissingThenRejectedNamingReason() {
        fixture.given(calendarRegistered(EARLIER))
                .when(new SuspendClient(CALENDAR, "", "admin"))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("reason:"));
    }

    @Test
    void suspendWhenReasonLongerThan500ThenRejectedNamingReason() {
        fixture.given(calendarRegistered(EARLIER))
                .when(new SuspendClient(CALENDAR, "r".repeat(501), "admin"))
                .expectNoEvents().expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("reason:"));
    }

    @Test
    void suspendWhenUnknownThenAggregateNotFound() {
        fixture.givenNoPriorActivity()
                .when(new SuspendClient(CALENDAR, "why", "admin"))
                .expectNoEvents().expectException(AggregateNotFoundException.class);
    }

    @Test
    void reinstateWhenSuspendedThenClientReinstated() {
        fixture.given(calendarRegistered(EARLIER), new ClientSuspended(CALENDAR, "first", "admin", EARLIER))
                .when(new ReinstateClient(CALENDAR, "key rotated", "admin"))
                .expectEvents(new ClientReinstated(CALENDAR, "key rotated", "admin", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void reinstateWhenActiveThenNoEventAndNoError() {
        fixture.given(calendarRegistered(EARLIER))
                .when(new ReinstateClient(CALENDAR, "just in case", "admin"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void deleteWhenActiveThenClientDeleted() {
        fixture.given(calendarRegistered(EARLIER))
                .when(new DeleteClient(CALENDAR, "retired", "admin"))
                .expectEvents(new ClientDeleted(CALENDAR, "retired", "admin", NOW));
    }

    @Test
    void deleteWhenSuspendedThenClientDeleted() {
        fixture.given(calendarRegistered(EARLIER), new ClientSuspended(CALENDAR, "first", "admin", EARLIER))
                .when(new DeleteClient(CALENDAR, "retired", "admin"))
                .expectEvents(new ClientDeleted(CALENDAR, "retired", "admin", NOW));
    }

    @Test
    void anyCommandWhenDeletedThenConflict() {
        ClientDeleted deleted = new ClientDeleted(CALENDAR, "retired", "admin", EARLIER);
        fixture.given(calendarRegistered(EARLIER), deleted)
                .when(new SuspendClient(CALENDAR, "why", "admin"))
                .expectNoEvents().expectException(ClientConflictException.class);
        fixture.given(calendarRegistered(EARLIER), deleted)
                .when(new ReinstateClient(CALENDAR, "why", "admin"))
                .expectNoEvents().expectException(ClientConflictException.class);
        fixture.given(calendarRegistered(EARLIER), deleted)
                .when(new DeleteClient(CALENDAR, "why", "admin"))
                .expectNoEvents().expectException(ClientConflictException.class);
    }
}
