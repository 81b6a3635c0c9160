package io.mandate.command.grant;

import io.mandate.command.RealStack;
import io.mandate.command.support.TestClients;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The expiry sweep on the real event store: a grant past its {@code expiresAt} gets exactly one
 * {@code GrantExpired}, a grant without expiry none, and sweeping again writes nothing.
 */
class GrantExpiryIT extends RealStack {

    @Autowired
    CommandGateway commands;

    @Autowired
    GrantExpirySweep sweep;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sweepWhenGrantPastItsExpiryThenOneGrantExpiredAndOthersUntouched() {
        TestClients.registerAll(commands);
        String user = "expiring-" + UUID.randomUUID();
        GrantId expiring = create(user, Instant.now().plusSeconds(2));
        GrantId lasting = create(user, null);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            sweep.sweep();
            return eventTypes(expiring).contains("GrantExpired");
        });
        sweep.sweep();

        assertThat(eventTypes(expiring)).containsExactly("GrantCreated", "GrantExpired");
        assertThat(eventTypes(lasting)).containsExactly("GrantCreated");
    }

    private GrantId create(String user, Instant expiresAt) {
        GrantId grantId = GrantId.random();
        commands.sendAndWait(new CreateGrant(grantId, UserId.of(user), ClientId.of("travel-agent"),
                "https://calendar.example.com", Scopes.of("calendar.read"), DelegationPolicy.agentOnly(), expiresAt,
                "test"));
        return grantId;
    }

    private List<String> eventTypes(GrantId grantId) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                        + "order by sequence_number", String.class, grantId.value()).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }
}
