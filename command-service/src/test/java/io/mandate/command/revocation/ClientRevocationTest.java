package io.mandate.command.revocation;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.RevocationCommands.RevokeClient;
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

class ClientRevocationTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);
    private static final ClientId AGENT = ClientId.of("travel-agent");

    private final FakeGrantLookup grants = new FakeGrantLookup();
    private FixtureConfiguration<ClientRevocation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClientRevocation.class);
        fixture.registerCommandTargetResolver(new RevocationTargetResolver());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(grants);
    }

    @Test
    void revokeWhenNeverRevokedThenWatermarkAtClockTime() {
        ClientRevoked expected = new ClientRevoked(AGENT, "compromised", "responder", NOW);
        fixture.givenNoPriorActivity()
                .when(new RevokeClient(AGENT, "compromised", "responder"))
                .expectEvents(expected)
                .expectResultMessagePayload(RevocationOutcome.wrote(expected));
    }

    @Test
    void revokeWhenNeverRevokedAndNoGrantsThenStillWatermark() {
        // Tokens can name a client in their actor chain without it holding a grant: the watermark still matters.
        fixture.givenNoPriorActivity()
                .when(new RevokeClient(AGENT, "compromised", "admin"))
                .expectEvents(new ClientRevoked(AGENT, "compromised", "admin", NOW));
    }

    @Test
    void revokeAgainWhenNoGrantSinceWatermarkThenNoEventAndLatestWatermark() {
        grants.withGrant("grt_1", "alice", "travel-agent", EARLIER.minusSeconds(1));
        ClientRevoked latest = new ClientRevoked(AGENT, "compromised", "responder", EARLIER);
        fixture.given(latest)
                .when(new RevokeClient(AGENT, "still compromised", "admin"))
                .expectNoEvents()
                .expectResultMessagePayload(RevocationOutcome.existing(latest));
    }

    @Test
    void revokeAgainWhenGrantCreatedAtTheWatermarkThenNoEvent() {
        // "At or before": a grant created in the watermark's instant is already covered.
        grants.withGrant("grt_1", "alice", "travel-agent", EARLIER);
        fixture.given(new ClientRevoked(AGENT, "compromised", "responder", EARLIER))
                .when(new RevokeClient(AGENT, "again", "responder"))
                .expectNoEvents();
    }

    @Test
    void revokeAgainWhenGrantCreatedAfterWatermarkThenNewWatermark() {
        grants.withGrant("grt_2", "alice", "travel-agent", EARLIER.plusSeconds(1));
        ClientRevoked second = new ClientRevoked(AGENT, "re-compromised", "responder", NOW);
        fixture.given(new ClientRevoked(AGENT, "compromised", "responder", EARLIER))
                .when(new RevokeClient(AGENT, "re-compromised", "responder"))
                .expectEvents(second)
                .expectResultMessagePayload(RevocationOutcome.wrote(second));
    }

    @Test
    void revokeAgainWhenOnlyOtherAgentsGrantedSinceThenNoEvent() {
        grants.withGrant("grt_3", "alice", "other-agent", EARLIER.plusSeconds(1));
        fixture.given(new ClientRevoked(AGENT, "compromised", "responder", EARLIER))
                .when(new RevokeClient(AGENT, "again", "responder"))
                .expectNoEvents();
    }

    @Test
    void revokeWhenRetriedWithSameKeyThenNoSecondWatermarkEvenAfterNewGrant() {
        grants.withGrant("grt_2", "alice", "travel-agent", EARLIER.plusSeconds(1));
        ClientRevoked first = new ClientRevoked(AGENT, "compromised", "responder", EARLIER);
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "k")))
                .when(new RevokeClient(AGENT, "compromised", "responder"), Map.of(RequestKeys.METADATA_KEY, "k"))
                .expectNoEvents()
                .expectResultMessagePayload(RevocationOutcome.existing(first));
    }

    @Test
    void revokeWhenSameKeyFromAnotherCallerThenTreatedAsNewRequest() {
        grants.withGrant("grt_2", "alice", "travel-agent", EARLIER.plusSeconds(1));
        ClientRevoked first = new ClientRevoked(AGENT, "compromised", "responder", EARLIER);
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "k")))
                .when(new RevokeClient(AGENT, "compromised", "admin"), Map.of(RequestKeys.METADATA_KEY, "k"))
                .expectEvents(new ClientRevoked(AGENT, "compromised", "admin", NOW));
    }

    @Test
    void revokeWhenKeyReusedForAnotherReasonThenConflict() {
        ClientRevoked first = new ClientRevoked(AGENT, "compromised", "responder", EARLIER);
        fixture.given(GenericEventMessage.asEventMessage(first).andMetaData(MetaData.with(RequestKeys.METADATA_KEY, "k")))
                .when(new RevokeClient(AGENT, "other reason", "responder"), Map.of(RequestKeys.METADATA_KEY, "k"))
                .expectNoEvents()
                .expectException(IdempotencyConflictException.class);
    }
}
