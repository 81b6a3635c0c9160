package io.mandate.messages;

import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.EventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every catalogued event survives the wire, and the catalogue has no event without a sample here. */
class CatalogRoundTripTest {

    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
    private static final ClientId AGENT = ClientId.of("travel-agent");
    private static final UserId ALICE = UserId.of("alice");
    private static final GrantId GRANT = GrantId.of("grt_1");

    static Stream<MandateEvent> samples() {
        return Stream.of(
                new ClientRegistered(AGENT, ClientKind.AGENT, "Travel agent", "team-travel", Scopes.of("calendar.read"),
                        List.of(), RegistrationPath.ADMIN, "admin", T),
                new ClientSuspended(AGENT, "investigation", "admin", T),
                new ClientReinstated(AGENT, "cleared", "admin", T),
                new ClientDeleted(AGENT, "retired", "admin", T),
                new GrantCreated(GRANT, ALICE, AGENT, "https://calendar.example", Scopes.of("calendar.read"),
                        new DelegationPolicy(Set.of(), Set.of(ClientKind.MCP_SERVER), 2, Scopes.of()), null, "admin", T),
                new GrantRevoked(GRANT, ALICE, AGENT, "user withdrew", "admin", T),
                new GrantExpired(GRANT, ALICE, AGENT, T),
                new TokenRevoked(Jti.of("jti-1"), "leaked", "responder", T),
                new ClientRevoked(AGENT, "prompt injection", "responder", T),
                new UserRevoked(ALICE, "account compromised", "responder", T));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void encodeThenDecodeWhenCataloguedThenEqual(MandateEvent event) {
        EventCodec codec = new EventCodec();
        EventEnvelope envelope = EventEnvelope.wrap("evt", 3, T, event);

        assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void catalogueWhenListedThenEveryTypeHasASample() {
        assertThat(samples().map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.ALL.stream().map(EventType::javaType).toList());
    }

    @Test
    void revocationKeysWhenComparedThenNeverCollideWithClientOrGrantIds() {
        assertThat(new ClientRevoked(AGENT, "r", "a", T).aggregateId()).isEqualTo("client:travel-agent")
                .isNotEqualTo(new ClientSuspended(AGENT, "r", "a", T).aggregateId());
        assertThat(new UserRevoked(ALICE, "r", "a", T).aggregateId()).isEqualTo("user:alice");
        assertThat(new TokenRevoked(Jti.of("j"), "r", "a", T).aggregateId()).isEqualTo("token:j");
    }
}
