package io.mandate.command.grant;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantOrigin;
import io.mandate.messages.grant.Scopes;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

import static io.mandate.command.grant.TestGrants.NOW;
import static io.mandate.command.grant.TestGrants.aGrant;
import static org.hamcrest.Matchers.startsWith;

class GrantAggregateTest {

    private FixtureConfiguration<GrantAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWithDepthLimit(DelegationPolicy.MAX_DEPTH_LIMIT);
    }

    private static FixtureConfiguration<GrantAggregate> fixtureWithDepthLimit(int maxDelegationDepth) {
        AggregateTestFixture<GrantAggregate> fixture = new AggregateTestFixture<>(GrantAggregate.class);
        fixture.registerCommandTargetResolver(new GrantCommandTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new GrantLimits(maxDelegationDepth, Duration.ofSeconds(30)));
        fixture.registerInjectableResource(TestGrants.registeredParties());
        return fixture;
    }

    @Test
    void createWhenValidThenGrantCreatedByCallerAtClockTime() {
        fixture.givenNoPriorActivity()
                .when(aGrant().command())
                .expectEvents(aGrant().createdAt(NOW))
                .expectResultMessagePayload(CreateGrantOutcome.CREATED);
    }

    @Test
    void createWhenUserConsentedThenGrantCreatedWithOriginConsentByTheUser() {
        CreateGrant admin = aGrant().command();
        CreateGrant consent = new CreateGrant(admin.grantId(), admin.userId(), admin.agentId(), admin.audience(),
                admin.scopes(), admin.policy(), admin.expiresAt(), "user:alice", GrantOrigin.CONSENT);
        GrantCreated expected = aGrant().createdAt(NOW);

        fixture.givenNoPriorActivity()
                .when(consent)
                .expectEvents(new GrantCreated(expected.grantId(), expected.userId(), expected.agentId(),
                        expected.audience(), expected.scopes(), expected.policy(), expected.expiresAt(), "user:alice",
                        NOW, GrantOrigin.CONSENT));
    }

    @Test
    void createWhenTheUserSignedInAtAnIdentityProviderThenGrantCreatedNamesIt() {
        CreateGrant admin = aGrant().command();
        String idp = "https://login.example/realms/corp";
        CreateGrant consent = new CreateGrant(admin.grantId(), admin.userId(), admin.agentId(), admin.audience(),
                admin.scopes(), admin.policy(), admin.expiresAt(), "user:alice", GrantOrigin.CONSENT, idp);
        GrantCreated expected = aGrant().createdAt(NOW);

        fixture.givenNoPriorActivity()
                .when(consent)
                .expectEvents(new GrantCreated(expected.grantId(), expected.userId(), expected.agentId(),
                        expected.audience(), expected.scopes(), expected.policy(), expected.expiresAt(), "user:alice",
                        NOW, GrantOrigin.CONSENT, idp));
    }

    @Test
    void createWhenAConsentIsRetriedNamingAnotherSignInThenIdempotencyConflict() {
        CreateGrant admin = aGrant().command();
        GrantCreated before = aGrant().createdAt(NOW.minusSeconds(60));
        fixture.given(new GrantCreated(before.grantId(), before.userId(), before.agentId(), before.audience(),
                        before.scopes(), before.policy(), before.expiresAt(), "user:alice", before.createdAt(),
                        GrantOrigin.CONSENT, "local"))
                .when(new CreateGrant(admin.grantId(), admin.userId(), admin.agentId(), admin.audience(),
                        admin.scopes(), admin.policy(), admin.expiresAt(), "user:alice", GrantOrigin.CONSENT,
                        "https://login.example/realms/corp"))
                .expectNoEvents()
                .expectException(IdempotencyConflictException.class);
    }

    @Test
    void createWhenNoExpiryThenGrantCreatedWithoutExpiry() {
        fixture.givenNoPriorActivity()
                .when(aGrant().withExpiresAt(null).command())
                .expectEvents(aGrant().withExpiresAt(null).createdAt(NOW));
    }

    @Test
    void createWhenScopesEmptyThenRejectedNamingScopes() {
        fixture.givenNoPriorActivity()
                .when(aGrant().withScopes(Scopes.of())
                        .withPolicy(new DelegationPolicy(Set.of(), Set.of(), 1, Scopes.of())).command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("scopes:"));
    }

    @Test
    void createWhenExpiryInThePastThenRejectedNamingExpiresAt() {
        fixture.givenNoPriorActivity()
                .when(aGrant().withExpiresAt(NOW.minusSeconds(1)).command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("expiresAt:"));
    }

    @Test
    void createWhenExpiryIsNowThenRejected() {
        fixture.givenNoPriorActivity()
                .when(aGrant().withExpiresAt(NOW).command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://calendar.example.com", "https://calendar.example.com/api",
            "calendar-api", "calendar-mcp"})
    void createWhenAudienceIsUriOrClientIdThenCreated(String audience) {
        fixture.givenNoPriorActivity()
                .when(aGrant().withAudience(audience).command())
                .expectEvents(aGrant().withAudience(audience).createdAt(NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "https://calendar.example.com#frag", "not an audience", "https:///nohost",
            "-leading-dash", "mailto:"})
    void createWhenAudienceNeitherAbsoluteUriNorClientIdThenRejectedNamingAudience(String audience) {
        fixture.givenNoPriorActivity()
                .when(aGrant().withAudience(audience).command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("audience:"));
    }

    @Test
    void createWhenMaxDepthAboveDeploymentLimitThenRejectedNamingMaxDepth() {
        fixtureWithDepthLimit(2).givenNoPriorActivity()
                .when(aGrant().withPolicy(new DelegationPolicy(Set.of(), Set.of(ClientKind.AGENT), 3, Scopes.of()))
                        .command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("policy.maxDepth:"));
    }

    @Test
    void createWhenMaxDepthAtDeploymentLimitThenCreated() {
        DelegationPolicy atLimit = new DelegationPolicy(Set.of(), Set.of(ClientKind.AGENT), 2, Scopes.of());
        fixtureWithDepthLimit(2).givenNoPriorActivity()
                .when(aGrant().withPolicy(atLimit).command())
                .expectEvents(aGrant().withPolicy(atLimit).createdAt(NOW));
    }

    @Test
    void createWhenNextActorsAllowedButDepthOneThenRejected() {
        fixture.givenNoPriorActivity()
                .when(aGrant().withPolicy(new DelegationPolicy(Set.of(), Set.of(ClientKind.MCP_SERVER), 1, Scopes.of()))
                        .command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("policy.maxDepth:"));
    }

    @Test
    void createWhenApprovalScopesOutsideGrantScopesThenRejected() {
        fixture.givenNoPriorActivity()
                .when(aGrant().withPolicy(new DelegationPolicy(Set.of(), Set.of(), 1, Scopes.of("mail.send")))
                        .command())
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("policy.approvalScopes:"));
    }

    @Test
    void createWhenSameGrantAlreadyCreatedThenNoNewEventAndAlreadyExisted() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(aGrant().command())
                .expectNoEvents()
                .expectResultMessagePayload(CreateGrantOutcome.ALREADY_EXISTED);
    }

    @Test
    void createWhenRetriedAfterExpiryPassedThenStillAlreadyExisted() {
        // The retry asks for what was already decided; it is not a new decision against today's clock.
        fixture.given(aGrant().withExpiresAt(NOW.minusSeconds(1)).createdAt(NOW.minusSeconds(60)))
                .when(aGrant().withExpiresAt(NOW.minusSeconds(1)).command())
                .expectNoEvents()
                .expectResultMessagePayload(CreateGrantOutcome.ALREADY_EXISTED);
    }

    @Test
    void createWhenDifferentGrantExistsWithSameIdThenIdempotencyConflict() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(aGrant().withUserId("bob").command())
                .expectNoEvents()
                .expectException(IdempotencyConflictException.class);
    }
}
