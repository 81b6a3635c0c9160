package io.mandate.command.revocation;

import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.revocation.RevocationCommands.RevokeUser;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

class UserRevocationTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);
    private static final UserId ALICE = UserId.of("alice");

    private final FakeGrantLookup grants = new FakeGrantLookup();
    private FixtureConfiguration<UserRevocation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserRevocation.class);
        fixture.registerCommandTargetResolver(new RevocationTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(grants);
    }

    @Test
    void revokeWhenNeverRevokedThenWatermarkAtClockTime() {
        UserRevoked expected = new UserRevoked(ALICE, "compromised", "responder", NOW);
        fixture.givenNoPriorActivity()
                .when(new RevokeUser(ALICE, "compromised", "responder"))
                .expectEvents(expected)
                .expectResultMessagePayload(RevocationOutcome.wrote(expected));
    }

    @Test
    void revokeWhenNeverRevokedAndNoGrantsThenStillWatermark() {
        // Tokens can have the user as subject without a grant on record here (e.g. a direct login): still a watermark.
        fixture.givenNoPriorActivity()
                .when(new RevokeUser(ALICE, "compromised", "admin"))
                .expectEvents(new UserRevoked(ALICE, "compromised", "admin", NOW));
    }

    @Test
    void revokeAgainWhenNoGrantSinceWatermarkThenNoEventAndLatestWatermark() {
        grants.withGrant("grt_1", "alice", "travel-agent", EARLIER.minusSeconds(1));
        UserRevoked latest = new UserRevoked(ALICE, "compromised", "responder", EARLIER);
        fixture.given(latest)
                .when(new RevokeUser(ALICE, "still compromised", "admin"))
                .expectNoEvents()
                .expectResultMessagePayload(RevocationOutcome.existing(latest));
    }

    @Test
    void revokeAgainWhenGrantCreatedAtTheWatermarkThenNoEvent() {
        // "At or before": a grant created in the watermark's instant is already covered.
        grants.withGrant("grt_1", "alice", "travel-agent", EARLIER);
        fixture.given(new UserRevoked(ALICE, "compromised", "responder", EARLIER))
                .when(new RevokeUser(ALICE, "again", "responder"))
                .expectNoEvents();
    }

    @Test
    void revokeAgainWhenGrantCreatedAfterWatermarkThenNewWatermark() {
        grants.withGrant("grt_2", "alice", "travel-agent", EARLIER.plusSeconds(1));
        UserRevoked second = new UserRevoked(ALICE, "re-compromised", "responder", NOW);
        fixture.given(new UserRevoked(ALICE, "compromised", "responder", EARLIER))
                .when(new RevokeUser(ALICE, "re-compromised", "responder"))
                .expectEvents(second)
                .expectResultMessagePayload(RevocationOutcome.wrote(second));
    }

    @Test
    void revokeAgainWhenOnlyOtherUsersGrantedSinceThenNoEvent() {
        grants.withGrant("grt_3", "bob", "travel-agent", EARLIER.plusSeconds(1));
        fixture.given(new UserRevoked(ALICE, "compromised", "responder", EARLIER))
                .when(new RevokeUser(ALICE, "again", "responder"))
                .expectNoEvents();
    }

    @Test
    void revokeWhenRetriedWithSameKeyThenNoSecondWatermarkEvenAfterNewGrant() {
        grants.withGrant("grt_2", "alice", "travel-agent", EARLIER.plusSeconds(1));
        UserRevoked first = new UserRevoked(ALICE, "compromised", "responder", EARLIER);
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "k")))
                .when(new RevokeUser(ALICE, "compromised", "responder"), Map.of(RequestKeys.METADATA_KEY, "k"))
                .expectNoEvents()
                .expectResultMessagePayload(RevocationOutcome.existing(first));
    }

    @Test
    void revokeWhenSameKeyFromAnotherCallerThenTreatedAsNewRequest() {
        grants.withGrant("grt_2", "alice", "travel-agent", EARLIER.plusSeconds(1));
        UserRevoked first = new UserRevoked(ALICE, "compromised", "responder", EARLIER);
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "k")))
                .when(new RevokeUser(ALICE, "compromised", "admin"), Map.of(RequestKeys.METADATA_KEY, "k"))
                .expectEvents(new UserRevoked(ALICE, "compromised", "admin", NOW));
    }

    @Test
    void revokeWhenKeyReusedForAnotherReasonThenConflict() {
        UserRevoked first = new UserRevoked(ALICE, "compromised", "responder", EARLIER);
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "k")))
                .when(new RevokeUser(ALICE, "other reason", "responder"), Map.of(RequestKeys.METADATA_KEY, "k"))
                .expectNoEvents()
                .expectException(IdempotencyConflictException.class);
    }
}
