package io.mandate.command.revocation;

import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.UserRevoked;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationCascadeTest {

    private static final Instant WATERMARK = Instant.parse("2026-11-28T10:00:00Z");

    private final RecordingCommandBus bus = new RecordingCommandBus();
    private final FakeGrantLookup grants = new FakeGrantLookup()
            .withGrant("grt_before", "alice", "travel-agent", WATERMARK.minusSeconds(60))
            .withGrant("grt_at", "bob", "travel-agent", WATERMARK)
            .withGrant("grt_after", "alice", "travel-agent", WATERMARK.plusMillis(1))
            .withGrant("grt_other_agent", "alice", "mail-agent", WATERMARK.minusSeconds(60));
    private final RevocationCascade cascade =
            new RevocationCascade(DefaultCommandGateway.builder().commandBus(bus).build(), grants);

    @Test
    void clientRevokedWhenAgentHoldsGrantsThenRevokesThoseAtOrBeforeWatermarkOnly() {
        cascade.on(new ClientRevoked(ClientId.of("travel-agent"), "compromised", "responder", WATERMARK));

        assertThat(sent()).containsExactlyInAnyOrder(
                new RevokeGrant(GrantId.of("grt_before"), "cascade: compromised", "responder"),
                new RevokeGrant(GrantId.of("grt_at"), "cascade: compromised", "responder"));
    }

    @Test
    void userRevokedWhenUserGaveGrantsThenRevokesTheirGrantsAtOrBeforeWatermarkOnly() {
        cascade.on(new UserRevoked(UserId.of("alice"), "account closed", "admin", WATERMARK));

        assertThat(sent()).containsExactlyInAnyOrder(
                new RevokeGrant(GrantId.of("grt_before"), "cascade: account closed", "admin"),
                new RevokeGrant(GrantId.of("grt_other_agent"), "cascade: account closed", "admin"));
    }

    @Test
    void clientRevokedWhenNoGrantsThenSendsNothing() {
        cascade.on(new ClientRevoked(ClientId.of("idle-agent"), "retired", "admin", WATERMARK));

        assertThat(sent()).isEmpty();
    }

    @Test
    void cascadeReasonWhenOriginalAtLimitThenCutToTheGrantLimit() {
        String reason = RevocationCascade.cascadeReason("x".repeat(RevokeRequest.MAX_REASON));

        assertThat(reason).hasSize(RevocationCascade.MAX_REASON).startsWith("cascade: xxx");
    }

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }
}
