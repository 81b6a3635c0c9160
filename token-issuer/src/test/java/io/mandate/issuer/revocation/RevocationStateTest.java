package io.mandate.issuer.revocation;

import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.MandateEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static io.mandate.issuer.projection.TestEvents.T0;
import static io.mandate.issuer.projection.TestEvents.clientRevoked;
import static io.mandate.issuer.projection.TestEvents.deleted;
import static io.mandate.issuer.projection.TestEvents.envelope;
import static io.mandate.issuer.projection.TestEvents.grantCreated;
import static io.mandate.issuer.projection.TestEvents.grantExpired;
import static io.mandate.issuer.projection.TestEvents.grantRevoked;
import static io.mandate.issuer.projection.TestEvents.registered;
import static io.mandate.issuer.projection.TestEvents.reinstated;
import static io.mandate.issuer.projection.TestEvents.suspended;
import static io.mandate.issuer.projection.TestEvents.tokenRevoked;
import static io.mandate.issuer.projection.TestEvents.userRevoked;
import static io.mandate.issuer.revocation.TestTokens.aToken;
import static io.mandate.issuer.revocation.TestTokens.exchangedFrom;
import static org.assertj.core.api.Assertions.assertThat;

/** Each grain of the revocation decision, with a root token of g1 (alice → agent-1) and its descendants. */
class RevocationStateTest {

    private final IssuerProjection projection = new IssuerProjection();
    private final TokenLineage lineage = new TokenLineage(Clock.fixed(T0, ZoneOffset.UTC));
    private final RevocationState state = new RevocationState(projection, lineage);
    private final Map<String, Long> sequences = new HashMap<>();
    private final Instant now = T0.plusSeconds(120);

    private final TokenFacts root = aToken().build();
    private final TokenFacts child = exchangedFrom(root, "jti-child", "mcp-1").build();
    private final TokenFacts grandchild = exchangedFrom(child, "jti-grandchild", "api-1").build();

    @BeforeEach
    void aGrantAndItsClients() {
        publish(registered("agent-1"));
        publish(registered("mcp-1"));
        publish(registered("api-1"));
        publish(grantCreated("g1", "alice", "agent-1", T0, null));
        state.recordIssued(root);
        state.recordIssued(child);
        state.recordIssued(grandchild);
    }

    @Test
    void checkWhenNothingRevokedThenValid() {
        assertThat(state.check(grandchild, now)).isEqualTo(Verdict.VALID);
    }

    @Test
    void checkWhenTokenRevokedThenItAndItsDescendantsRevokedButNotItsParent() {
        publish(tokenRevoked("jti-child", now));

        assertThat(state.check(root, now)).isEqualTo(Verdict.VALID);
        assertThat(grain(child)).isEqualTo(Grain.TOKEN);
        assertThat(state.check(grandchild, now)).isInstanceOfSatisfying(Verdict.Revoked.class,
                revoked -> assertThat(revoked.reason()).contains("ancestor token jti-child"));
    }

    @Test
    void checkWhenGrantRevokedThenEveryTokenUnderItRevoked() {
        publish(grantRevoked("g1", "alice", "agent-1", now));

        assertThat(grain(root)).isEqualTo(Grain.GRANT);
        assertThat(grain(grandchild)).isEqualTo(Grain.GRANT);
    }

    @Test
    void checkWhenGrantUnknownThenRevokedByGrant() {
        TokenFacts other = aToken().jti("jti-other").grant("g-unknown").build();

        assertThat(grain(other)).isEqualTo(Grain.GRANT);
    }

    @Test
    void checkWhenClientWatermarkAtOrAfterIssuedAtThenRevokedAndLaterTokensNot() {
        publish(clientRevoked("mcp-1", child.issuedAt()));

        assertThat(state.check(root, now)).as("mcp-1 is not in the root's chain").isEqualTo(Verdict.VALID);
        assertThat(grain(child)).as("watermark equal to issuedAt covers it").isEqualTo(Grain.CLIENT);
        TokenFacts later = exchangedFrom(root, "jti-later", "mcp-1").issuedAt(child.issuedAt().plusSeconds(1)).build();
        assertThat(state.check(later, now)).isEqualTo(Verdict.VALID);
    }

    @Test
    void checkWhenGrantsAgentRevokedThenGrantCreatedBeforeIsRevokedEvenForLaterTokens() {
        publish(clientRevoked("agent-1", T0));
        TokenFacts afterWatermark = aToken().jti("jti-after").issuedAt(T0.plusSeconds(90)).build();

        assertThat(grain(afterWatermark)).isEqualTo(Grain.CLIENT);
    }

    @Test
    void checkWhenUserWatermarkCoversIssuedAtThenRevokedAndLaterGrantUnaffected() {
        publish(userRevoked("alice", root.issuedAt()));
        publish(grantCreated("g2", "alice", "agent-1", root.issuedAt().plusSeconds(5), null));
        TokenFacts underNewGrant = aToken().jti("jti-g2").grant("g2").issuedAt(root.issuedAt().plusSeconds(6)).build();

        assertThat(grain(root)).isEqualTo(Grain.USER);
        assertThat(grain(child)).as("g1 was given before the watermark").isEqualTo(Grain.USER);
        assertThat(state.check(underNewGrant, now)).isEqualTo(Verdict.VALID);
    }

    @Test
    void checkWhenTokenExpiredThenExpired() {
        assertThat(grain(root, root.expiresAt())).isEqualTo(Grain.EXPIRED);
    }

    @Test
    void checkWhenGrantPastItsExpiryOrExpiredByEventThenExpired() {
        publish(grantCreated("g2", "alice", "agent-1", T0, now));
        publish(grantCreated("g3", "alice", "agent-1", T0, null));
        publish(grantExpired("g3", "alice", "agent-1", now));

        assertThat(grain(aToken().jti("jti-g2").grant("g2").build())).isEqualTo(Grain.EXPIRED);
        assertThat(grain(aToken().jti("jti-g3").grant("g3").build())).isEqualTo(Grain.EXPIRED);
    }

    @Test
    void checkWhenAnActorSuspendedThenSuspendedAndValidAgainOnceReinstated() {
        publish(suspended("mcp-1", now));
        assertThat(grain(grandchild)).isEqualTo(Grain.SUSPENDED);
        assertThat(state.check(root, now)).isEqualTo(Verdict.VALID);

        publish(reinstated("mcp-1", now));

        assertThat(state.check(grandchild, now)).isEqualTo(Verdict.VALID);
    }

    @Test
    void checkWhenAnActorDeletedOrUnknownThenSuspended() {
        publish(deleted("api-1", now));
        TokenFacts unknownActor = exchangedFrom(root, "jti-unknown-actor", "stranger").build();

        assertThat(grain(grandchild)).isEqualTo(Grain.SUSPENDED);
        assertThat(grain(unknownActor)).isEqualTo(Grain.SUSPENDED);
    }

    @Test
    void checkWhenRevocationsDeliveredTwiceAndOutOfOrderThenSameVerdicts() {
        var revokeChild = envelope(tokenRevoked("jti-child", now), 0);
        var watermarkLate = envelope(userRevoked("alice", T0.minusSeconds(1)), 1);
        var watermarkEarly = envelope(userRevoked("alice", T0.minusSeconds(10)), 0);
        projection.apply(watermarkLate);
        projection.apply(revokeChild);
        projection.apply(watermarkEarly);
        projection.apply(revokeChild);

        assertThat(projection.userWatermark(root.userId()).orElseThrow().revokedAt()).isEqualTo(T0.minusSeconds(1));
        assertThat(state.check(root, now)).isEqualTo(Verdict.VALID);
        assertThat(grain(grandchild)).isEqualTo(Grain.TOKEN);
    }

    private Grain grain(TokenFacts token) {
        return grain(token, now);
    }

    private Grain grain(TokenFacts token, Instant at) {
        Verdict verdict = state.check(token, at);
        assertThat(verdict).isInstanceOf(Verdict.Revoked.class);
        return ((Verdict.Revoked) verdict).grain();
    }

    private void publish(MandateEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        projection.apply(envelope(event, sequence));
    }
}
