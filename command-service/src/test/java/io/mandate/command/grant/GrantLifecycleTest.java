package io.mandate.command.grant;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCommands.ExpireGrant;
import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.grant.GrantCommands.WithdrawGrant;
import io.mandate.messages.id.UserId;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static io.mandate.command.grant.TestGrants.NOW;
import static io.mandate.command.grant.TestGrants.aGrant;
import static org.hamcrest.Matchers.startsWith;

/** A grant's end: revoked by someone for a reason, or expired; either is final and written once. */
class GrantLifecycleTest {

    private FixtureConfiguration<GrantAggregate> fixture;

    @BeforeEach
    void setUp() {
        AggregateTestFixture<GrantAggregate> fixture = new AggregateTestFixture<>(GrantAggregate.class);
        fixture.registerCommandTargetResolver(new GrantCommandTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new GrantLimits(DelegationPolicy.MAX_DEPTH_LIMIT, Duration.ofSeconds(30)));
        fixture.registerInjectableResource(TestGrants.registeredParties());
        this.fixture = fixture;
    }

    @Test
    void revokeWhenActiveThenGrantRevokedWithWhoWhyWhen() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(new RevokeGrant(aGrant().grantId(), "lost laptop", "responder"))
                .expectEvents(aGrant().revokedAt(NOW, "lost laptop", "responder"))
                .expectResultMessagePayload(new GrantEnding("REVOKED", NOW, "responder", "lost laptop", true));
    }

    @Test
    void withdrawWhenTheUsersOwnGrantThenRevokedWithTheUserAsActor() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(new WithdrawGrant(aGrant().grantId(), UserId.of("alice"), null))
                .expectEvents(aGrant().revokedAt(NOW, "withdrawn by the user", "user:" + "alice"))
                .expectResultMessagePayload(new GrantEnding("REVOKED", NOW, "user:" + "alice",
                        "withdrawn by the user", true));
    }

    @Test
    void withdrawWhenAnotherUsersGrantThenUnknownAndNothingWritten() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(new WithdrawGrant(aGrant().grantId(), UserId.of("mallory"), "mine now"))
                .expectNoEvents()
                .expectException(UnknownGrantException.class);
    }

    @Test
    void withdrawWhenAlreadyWithdrawnThenNoEvent() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)),
                        aGrant().revokedAt(NOW.minusSeconds(30), "withdrawn by the user", "user:" + "alice"))
                .when(new WithdrawGrant(aGrant().grantId(), UserId.of("alice"), null))
                .expectNoEvents()
                .expectResultMessagePayload(new GrantEnding("REVOKED", NOW.minusSeconds(30),
                        "user:" + "alice", "withdrawn by the user", false));
    }

    @Test
    void revokeWhenAlreadyRevokedThenNoEventAndTheFirstRevocation() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)),
                        aGrant().revokedAt(NOW.minusSeconds(30), "first", "admin"))
                .when(new RevokeGrant(aGrant().grantId(), "second", "responder"))
                .expectNoEvents()
                .expectResultMessagePayload(new GrantEnding("REVOKED", NOW.minusSeconds(30), "admin", "first", false));
    }

    @Test
    void revokeWhenExpiredThenNoEventAndTheExpiry() {
        TestGrants grant = aGrant().withExpiresAt(NOW.minusSeconds(10));
        fixture.given(grant.createdAt(NOW.minusSeconds(60)), grant.expired())
                .when(new RevokeGrant(grant.grantId(), "too late", "admin"))
                .expectNoEvents()
                .expectResultMessagePayload(new GrantEnding("EXPIRED", NOW.minusSeconds(10), null, null, false));
    }

    @Test
    void revokeWhenReasonBlankOrTooLongThenRejectedNamingReason() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(new RevokeGrant(aGrant().grantId(), " ", "admin"))
                .expectNoEvents()
                .expectException(InvalidFieldException.class)
                .expectExceptionMessage(startsWith("reason:"));
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(new RevokeGrant(aGrant().grantId(), "x".repeat(501), "admin"))
                .expectNoEvents()
                .expectException(InvalidFieldException.class);
    }

    @Test
    void revokeWhenGrantUnknownThenAggregateNotFound() {
        fixture.givenNoPriorActivity()
                .when(new RevokeGrant(aGrant().grantId(), "why", "admin"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void expireWhenActiveAndPastExpiryThenGrantExpiredAtItsExpiry() {
        TestGrants grant = aGrant().withExpiresAt(NOW.minusSeconds(10));
        fixture.given(grant.createdAt(NOW.minusSeconds(60)))
                .when(new ExpireGrant(grant.grantId(), NOW))
                .expectEvents(grant.expired())
                .expectResultMessagePayload(true);
    }

    @Test
    void expireWhenExpiryIsExactlyNowThenGrantExpired() {
        TestGrants grant = aGrant().withExpiresAt(NOW);
        fixture.given(grant.createdAt(NOW.minusSeconds(60)))
                .when(new ExpireGrant(grant.grantId(), NOW))
                .expectEvents(grant.expired());
    }

    @Test
    void expireWhenNotYetDueThenNoEvent() {
        fixture.given(aGrant().createdAt(NOW.minusSeconds(60)))
                .when(new ExpireGrant(aGrant().grantId(), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void expireWhenNoExpiryThenNoEvent() {
        TestGrants grant = aGrant().withExpiresAt(null);
        fixture.given(grant.createdAt(NOW.minusSeconds(60)))
                .when(new ExpireGrant(grant.grantId(), NOW.plus(Duration.ofDays(3650))))
                .expectNoEvents();
    }

    @Test
    void expireWhenRevokedThenNoEvent() {
        TestGrants grant = aGrant().withExpiresAt(NOW.minusSeconds(10));
        fixture.given(grant.createdAt(NOW.minusSeconds(60)), grant.revokedAt(NOW.minusSeconds(20), "r", "admin"))
                .when(new ExpireGrant(grant.grantId(), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void expireWhenAlreadyExpiredThenNoEvent() {
        TestGrants grant = aGrant().withExpiresAt(NOW.minusSeconds(10));
        fixture.given(grant.createdAt(NOW.minusSeconds(60)), grant.expired())
                .when(new ExpireGrant(grant.grantId(), NOW))
                .expectNoEvents();
    }
}
