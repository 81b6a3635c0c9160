package io.mandate.command.revocation;

import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.RevocationCommands.RevokeToken;
import io.mandate.messages.revocation.TokenRevoked;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

class TokenRevocationTest {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Jti JTI = Jti.of("jti-1");

    private FixtureConfiguration<TokenRevocation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TokenRevocation.class);
        fixture.registerCommandTargetResolver(new RevocationTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void revokeWhenNeverRevokedThenTokenRevokedByCallerAtClockTime() {
        TokenRevoked expected = new TokenRevoked(JTI, "leaked in a log", "responder", NOW);
        fixture.givenNoPriorActivity()
                .when(new RevokeToken(JTI, "leaked in a log", "responder"))
                .expectEvents(expected)
                .expectResultMessagePayload(RevocationOutcome.wrote(expected));
    }

    @Test
    void revokeWhenAlreadyRevokedThenNoEventAndTheFirstRevocation() {
        TokenRevoked first = new TokenRevoked(JTI, "leaked in a log", "responder", NOW.minusSeconds(60));
        fixture.given(first)
                .when(new RevokeToken(JTI, "another reason", "admin"))
                .expectNoEvents()
                .expectResultMessagePayload(RevocationOutcome.existing(first));
    }

    @Test
    void revokeWhenIdempotencyKeyGivenThenKeyStoredAsMetadataNotInThePayload() {
        fixture.givenNoPriorActivity()
                .when(new RevokeToken(JTI, "leaked", "responder"), Map.of(RequestKeys.METADATA_KEY, "key-1"))
                .expectEventsMatching(Matchers.<List<EventMessage<?>>>matches(events -> events.size() == 1
                        && events.get(0).getPayload().equals(new TokenRevoked(JTI, "leaked", "responder", NOW))
                        && "key-1".equals(events.get(0).getMetaData().get(RequestKeys.METADATA_KEY))));
    }

    @Test
    void revokeWhenKeyReusedForAnotherReasonThenConflict() {
        TokenRevoked first = new TokenRevoked(JTI, "leaked", "responder", NOW.minusSeconds(60));
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "key-1")))
                .when(new RevokeToken(JTI, "something else", "responder"), Map.of(RequestKeys.METADATA_KEY, "key-1"))
                .expectNoEvents()
                .expectException(IdempotencyConflictException.class);
    }

    @Test
    void revokeWhenKeyRetriedWithSameReasonThenNoEventAndTheFirstRevocation() {
        TokenRevoked first = new TokenRevoked(JTI, "leaked", "responder", NOW.minusSeconds(60));
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "key-1")))
                .when(new RevokeToken(JTI, "leaked", "responder"), Map.of(RequestKeys.METADATA_KEY, "key-1"))
                .expectNoEvents()
                .expectResultMessagePayload(RevocationOutcome.existing(first));
    }
}
