package io.mandate.command.client;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCommands.ReinstateClient;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
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

    private FixtureConfiguration<ClientAggregate> fixture;

    @BeforeEach
    void setUp() {
        AggregateTestFixture<ClientAggregate> fixture = new AggregateTestFixture<>(ClientAggregate.class);
        fixture.registerCommandTargetResolver(new ClientCommandTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        this.fixture = fixture;
    }

    private static RegisterClient register(ClientKind kind, String name, String owner, Scopes scopes, List<String> uris) {
        return new RegisterClient(CALENDAR, kind, name, owner, scopes, uris, RegistrationPath.ADMIN, "admin");
    }

    private static RegisterClient calendarServer() {
        return register(ClientKind.RESOURCE_SERVER, "Calendar API", "team-calendar", Scopes.of("calendar.read"),
                List.of("https://calendar.example/api"));
    }

    private static ClientRegistered calendarRegistered(Instant at) {
        return new ClientRegistered(CALENDAR, ClientKind.RESOURCE_SERVER, "Calendar API", "team-calendar",
                Scopes.of("calendar.read"), List.of("https://calendar.example/api"), RegistrationPath.ADMIN, "admin", at);
    }

    @Test
    void registerWhenValidThenClientRegisteredByCallerAtClockTime() {
        fixture.givenNoPriorActivity()
                .when(calendarServer())
                .expectEvents(calendarRegistered(NOW))
                .expectResultMessagePayload(RegisterClientOutcome.CREATED);
    }

    @Test
    void registerWhenAgentWithoutResourceUrisThenRegistered() {
        fixture.givenNoPriorActivity()
                .when(register(ClientKind.AGENT, "Travel", "alice", Scopes.of("calendar.read"), List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(ClientRegistered.class)),
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
                        List.of(), RegistrationPath.ADMIN, "admin"))
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
