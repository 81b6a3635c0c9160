package io.mandate.issuer.projection;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;

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
import static org.assertj.core.api.Assertions.assertThat;

/** Clients, grant endings and revocation marks, including redelivered and out-of-order events. */
class ClientAndRevocationProjectionTest {

    private static final ClientId AGENT = ClientId.of("agent-1");

    private final IssuerProjection projection = new IssuerProjection();

    @Test
    void applyWhenClientRegisteredThenActiveWithItsKindScopesAndResources() {
        projection.apply(envelope(registered("agent-1"), 0));

        ClientView client = projection.findClient(AGENT).orElseThrow();
        assertThat(client.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(client.kind()).isEqualTo(ClientKind.AGENT);
        assertThat(client.allowedScopes()).hasToString("calendar.read calendar.write");
        assertThat(client.resourceUris()).isEmpty();
        assertThat(projection.clientCount()).isEqualTo(1);
    }

    @Test
    void applyWhenClientRegisteredWithRedirectUrisThenViewHoldsThemExactly() {
        var registered = registered("agent-1");
        projection.apply(envelope(new io.mandate.messages.client.ClientRegistered(registered.clientId(),
                registered.kind(), registered.name(), registered.owner(), registered.allowedScopes(), List.of(),
                io.mandate.messages.client.RegistrationPath.DYNAMIC_REGISTRATION, "registrar",
                registered.registeredAt(), List.of("https://agent.example/cb", "http://127.0.0.1:7777/cb"), null), 0));

        ClientView client = projection.findClient(AGENT).orElseThrow();
        assertThat(client.redirectUris()).containsExactly("https://agent.example/cb", "http://127.0.0.1:7777/cb");
        assertThat(client.registrationPath()).isEqualTo(io.mandate.messages.client.RegistrationPath.DYNAMIC_REGISTRATION);
    }

    @Test
    void applyWhenSuspendedThenReinstatedThenActiveAgainWithTheReason() {
        projection.apply(envelope(registered("agent-1"), 0));
        projection.apply(envelope(suspended("agent-1", T0.plusSeconds(10)), 1));
        assertThat(projection.findClient(AGENT).orElseThrow().status()).isEqualTo(ClientStatus.SUSPENDED);

        projection.apply(envelope(reinstated("agent-1", T0.plusSeconds(20)), 2));

        ClientView client = projection.findClient(AGENT).orElseThrow();
        assertThat(client.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(client.statusReason()).isEqualTo("cleared");
        assertThat(client.statusChangedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(client.sequence()).isEqualTo(2);
    }

    @Test
    void applyWhenDeletedThenReinstateChangesNothing() {
        projection.apply(envelope(registered("agent-1"), 0));
        projection.apply(envelope(deleted("agent-1", T0.plusSeconds(10)), 1));

        projection.apply(envelope(reinstated("agent-1", T0.plusSeconds(20)), 2));

        assertThat(projection.findClient(AGENT).orElseThrow().status()).isEqualTo(ClientStatus.DELETED);
    }

    @Test
    void applyWhenRegistrationRedeliveredAfterSuspensionThenStillSuspended() {
        projection.apply(envelope(registered("agent-1"), 0));
        projection.apply(envelope(suspended("agent-1", T0.plusSeconds(10)), 1));

        IssuerProjection.Outcome outcome = projection.apply(envelope(registered("agent-1"), 0));

        assertThat(outcome).isEqualTo(IssuerProjection.Outcome.ALREADY_APPLIED);
        assertThat(projection.findClient(AGENT).orElseThrow().status()).isEqualTo(ClientStatus.SUSPENDED);
    }

    @Test
    void applyWhenSuspensionArrivesForUnseenClientThenSuspendedWithoutDetails() {
        projection.apply(envelope(suspended("agent-1", T0), 1));

        ClientView client = projection.findClient(AGENT).orElseThrow();
        assertThat(client.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(client.kind()).isNull();
    }

    @Test
    void applyWhenGrantRevokedThenRevokedWithWhoWhyAndWhen() {
        projection.apply(envelope(grantCreated("g1", "alice", "agent-1", T0, null), 0));

        projection.apply(envelope(grantRevoked("g1", "alice", "agent-1", T0.plusSeconds(5)), 1));

        GrantView grant = projection.findGrant(GrantId.of("g1")).orElseThrow();
        assertThat(grant.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(grant.endedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(grant.endReason()).isEqualTo("leaked");
        assertThat(grant.audience()).isEqualTo("https://calendar.example");
    }

    @Test
    void applyWhenGrantExpiredAfterRevokedThenStaysRevoked() {
        projection.apply(envelope(grantCreated("g1", "alice", "agent-1", T0, T0.plusSeconds(60)), 0));
        projection.apply(envelope(grantRevoked("g1", "alice", "agent-1", T0.plusSeconds(5)), 1));

        projection.apply(envelope(grantExpired("g1", "alice", "agent-1", T0.plusSeconds(60)), 2));

        assertThat(projection.findGrant(GrantId.of("g1")).orElseThrow().status()).isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    void applyWhenCreationRedeliveredAfterRevocationThenStillRevoked() {
        projection.apply(envelope(grantRevoked("g1", "alice", "agent-1", T0.plusSeconds(5)), 1));

        IssuerProjection.Outcome outcome = projection.apply(envelope(grantCreated("g1", "alice", "agent-1", T0, null), 0));

        assertThat(outcome).isEqualTo(IssuerProjection.Outcome.ALREADY_APPLIED);
        GrantView grant = projection.findGrant(GrantId.of("g1")).orElseThrow();
        assertThat(grant.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(grant.createdAt()).as("only what GrantRevoked carries is known").isNull();
    }

    @Test
    void applyWhenWatermarksArriveThenEachIsOneLookupAwayAndCounted() {
        projection.apply(envelope(userRevoked("alice", T0.plusSeconds(1)), 0));
        projection.apply(envelope(clientRevoked("agent-1", T0.plusSeconds(2)), 0));
        projection.apply(envelope(tokenRevoked("jti-1", T0.plusSeconds(3)), 0));

        assertThat(projection.userWatermark(UserId.of("alice")).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(projection.clientWatermark(AGENT).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(projection.tokenRevocation(Jti.of("jti-1")).orElseThrow().reason()).isEqualTo("token leaked");
        assertThat(projection.userWatermark(UserId.of("bob"))).isEmpty();
        assertThat(projection.userWatermarkCount()).isEqualTo(1);
        assertThat(projection.clientWatermarkCount()).isEqualTo(1);
        assertThat(projection.revokedTokenCount()).isEqualTo(1);
    }

    @Test
    void applyWhenSecondWatermarkIsLaterThenItRaisesTheWatermark() {
        projection.apply(envelope(clientRevoked("agent-1", T0.plusSeconds(2)), 0));

        projection.apply(envelope(clientRevoked("agent-1", T0.plusSeconds(9)), 1));

        assertThat(projection.clientWatermark(AGENT).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void applyWhenWatermarkRedeliveredThenAlreadyAppliedAndUnchanged() {
        var first = envelope(userRevoked("alice", T0.plusSeconds(2)), 0);
        projection.apply(first);
        projection.apply(envelope(userRevoked("alice", T0.plusSeconds(9)), 1));

        IssuerProjection.Outcome outcome = projection.apply(first);

        assertThat(outcome).isEqualTo(IssuerProjection.Outcome.ALREADY_APPLIED);
        assertThat(projection.userWatermark(UserId.of("alice")).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(projection.eventsAlreadyApplied()).isEqualTo(1);
    }
}
