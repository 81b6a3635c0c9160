package io.mandate.command.grant;

import io.mandate.command.registry.ClientStatus;
import io.mandate.command.registry.TestRegistrations;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

import static io.mandate.command.grant.TestGrants.NOW;
import static io.mandate.command.grant.TestGrants.aGrant;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Grant creation against the registered clients: agent, scope ceiling, known audience, named next clients. */
class GrantPartiesTest {

    private static FixtureConfiguration<GrantAggregate> fixtureWith(TestRegistrations clients) {
        AggregateTestFixture<GrantAggregate> fixture = new AggregateTestFixture<>(GrantAggregate.class);
        fixture.registerCommandTargetResolver(new GrantCommandTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new GrantLimits(DelegationPolicy.MAX_DEPTH_LIMIT, Duration.ofSeconds(30)));
        fixture.registerInjectableResource(clients);
        return fixture;
    }

    @Test
    void createWhenAgentNotRegisteredThenRejectedNamingAgentId() {
        fixtureWith(TestGrants.registeredParties()).givenNoPriorActivity()
                .when(aGrant().withAgentId("ghost-agent").command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("agentId:"));
    }

    @Test
    void createWhenAgentIsResourceServerThenRejectedNamingAgentId() {
        fixtureWith(TestGrants.registeredParties()).givenNoPriorActivity()
                .when(aGrant().withAgentId("calendar-api").command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("agentId:"));
    }

    @Test
    void createWhenAgentIsMcpServerThenCreated() {
        TestRegistrations clients = TestGrants.registeredParties()
                .with(ClientKind.MCP_SERVER, "planner-mcp", ClientStatus.ACTIVE, Scopes.of("calendar.read", "calendar.write"),
                        "https://planner.example.com");
        fixtureWith(clients).givenNoPriorActivity()
                .when(aGrant().withAgentId("planner-mcp").command())
                .expectEvents(aGrant().withAgentId("planner-mcp").createdAt(NOW));
    }

    @Test
    void createWhenAgentSuspendedThenAgentNotActiveConflict() {
        TestRegistrations clients = TestGrants.registeredParties()
                .with(ClientKind.AGENT, "travel-agent", ClientStatus.SUSPENDED, Scopes.of("calendar.read", "calendar.write"));
        fixtureWith(clients).givenNoPriorActivity()
                .when(aGrant().command())
                .expectNoEvents()
                .expectException(AgentNotActiveException.class)
                .expectExceptionMessage(containsString("suspended"));
    }

    @Test
    void createWhenAgentDeletedThenAgentNotActiveConflict() {
        TestRegistrations clients = TestGrants.registeredParties()
                .with(ClientKind.AGENT, "travel-agent", ClientStatus.DELETED, Scopes.of("calendar.read", "calendar.write"));
        fixtureWith(clients).givenNoPriorActivity()
                .when(aGrant().command())
                .expectNoEvents()
                .expectException(AgentNotActiveException.class);
    }

    @Test
    void createWhenScopesExceedAgentCeilingThenRejectedNamingScopesAndListingExcess() {
        fixtureWith(TestGrants.registeredParties()).givenNoPriorActivity()
                .when(aGrant().withScopes(Scopes.of("calendar.read", "mail.send", "admin"))
                        .withPolicy(DelegationPolicy.agentOnly()).command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(allOf(startsWith("scopes:"), containsString("admin mail.send"),
                        org.hamcrest.Matchers.not(containsString("calendar.read"))));
    }

    @Test
    void createWhenAudienceUnknownThenRejectedNamingAudience() {
        fixtureWith(TestGrants.registeredParties()).givenNoPriorActivity()
                .when(aGrant().withAudience("https://unknown.example.com").command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("audience:"));
    }

    @Test
    void createWhenAudienceIsAnAgentThenRejectedNamingAudience() {
        fixtureWith(TestGrants.registeredParties()).givenNoPriorActivity()
                .when(aGrant().withAudience("travel-agent").command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("audience:"));
    }

    @Test
    void createWhenAudienceServerSuspendedThenRejectedNamingAudience() {
        TestRegistrations clients = TestGrants.registeredParties()
                .with(ClientKind.RESOURCE_SERVER, "calendar-api", ClientStatus.SUSPENDED, Scopes.of("calendar.read"),
                        "https://calendar.example.com");
        fixtureWith(clients).givenNoPriorActivity()
                .when(aGrant().command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("audience:"));
    }

    @Test
    void createWhenAllowedNextClientNotRegisteredThenRejectedNamingIt() {
        fixtureWith(TestGrants.registeredParties()).givenNoPriorActivity()
                .when(aGrant().withPolicy(new DelegationPolicy(Set.of(ClientId.of("calendar-mcp"), ClientId.of("nobody")),
                        Set.of(), 2, Scopes.of())).command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(allOf(startsWith("policy.allowedNextClients:"), containsString("nobody")));
    }

    @Test
    void createWhenRetriedAfterAgentSuspendedThenStillAlreadyExisted() {
        // A retry asks for what was decided before the suspension; it is not a new grant.
        TestRegistrations clients = TestGrants.registeredParties()
                .with(ClientKind.AGENT, "travel-agent", ClientStatus.SUSPENDED, Scopes.of("calendar.read", "calendar.write"));
        fixtureWith(clients).given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(aGrant().command())
                .expectNoEvents()
                .expectResultMessagePayload(CreateGrantOutcome.ALREADY_EXISTED);
    }
}
