package io.mandate.issuer.projection;

import io.mandate.messages.id.GrantId;
import io.mandate.messages.wire.EventEnvelope;
import org.junit.jupiter.api.Test;

import static io.mandate.issuer.projection.TestGrants.aGrantCreated;
import static io.mandate.issuer.projection.TestGrants.envelope;
import static org.assertj.core.api.Assertions.assertThat;

class IssuerProjectionTest {

    private final IssuerProjection projection = new IssuerProjection();

    @Test
    void applyWhenGrantCreatedThenGrantViewHoldsIt() {
        GrantId grantId = GrantId.random();

        IssuerProjection.Outcome outcome = projection.apply(envelope(aGrantCreated(grantId), 0));

        assertThat(outcome).isEqualTo(IssuerProjection.Outcome.APPLIED);
        GrantView view = projection.findGrant(grantId).orElseThrow();
        assertThat(view.userId().value()).isEqualTo("alice");
        assertThat(view.agentId().value()).isEqualTo("travel-agent");
        assertThat(view.audience()).isEqualTo("https://calendar.example");
        assertThat(view.scopes()).hasToString("calendar.read calendar.write");
        assertThat(view.expiresAt()).isEqualTo(TestGrants.CREATED_AT.plusSeconds(3600));
        assertThat(view.sequence()).isZero();
        assertThat(projection.grantCount()).isEqualTo(1);
        assertThat(projection.eventsApplied()).isEqualTo(1);
    }

    @Test
    void applyWhenSameEventDeliveredTwiceThenAppliedOnce() {
        GrantId grantId = GrantId.random();
        EventEnvelope event = envelope(aGrantCreated(grantId), 0);

        projection.apply(event);
        IssuerProjection.Outcome second = projection.apply(event);

        assertThat(second).isEqualTo(IssuerProjection.Outcome.ALREADY_APPLIED);
        assertThat(projection.grantCount()).isEqualTo(1);
        assertThat(projection.eventsApplied()).isEqualTo(1);
        assertThat(projection.eventsAlreadyApplied()).isEqualTo(1);
    }

    @Test
    void applyWhenOlderSequenceArrivesAfterNewerThenNewerStateKept() {
        GrantId grantId = GrantId.random();
        projection.apply(envelope(aGrantCreated(grantId, "https://newer.example"), 1));

        IssuerProjection.Outcome outcome = projection.apply(envelope(aGrantCreated(grantId, "https://older.example"), 0));

        assertThat(outcome).isEqualTo(IssuerProjection.Outcome.ALREADY_APPLIED);
        assertThat(projection.findGrant(grantId).orElseThrow().audience()).isEqualTo("https://newer.example");
        assertThat(projection.findGrant(grantId).orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void applyWhenNewerSequenceArrivesThenItReplacesTheView() {
        GrantId grantId = GrantId.random();
        projection.apply(envelope(aGrantCreated(grantId, "https://older.example"), 0));

        IssuerProjection.Outcome outcome = projection.apply(envelope(aGrantCreated(grantId, "https://newer.example"), 1));

        assertThat(outcome).isEqualTo(IssuerProjection.Outcome.APPLIED);
        assertThat(projection.findGrant(grantId).orElseThrow().audience()).isEqualTo("https://newer.example");
    }

    @Test
    void findWhenGrantUnknownThenEmpty() {
        projection.apply(envelope(aGrantCreated(GrantId.random()), 0));

        assertThat(projection.findGrant(GrantId.random())).isEmpty();
    }

    @Test
    void isCaughtUpWhenNotMarkedThenFalse() {
        assertThat(projection.isCaughtUp()).isFalse();
        projection.markCaughtUp();
        assertThat(projection.isCaughtUp()).isTrue();
    }
}
