package io.mandate.command.eventstore;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreSerializerTest {

    private final Serializer serializer = new EventStoreConfiguration().serializer();

    private final GrantCreated event = new GrantCreated(GrantId.of("grt_1"), UserId.of("alice"),
            ClientId.of("travel-agent"), "https://calendar.example.com", Scopes.of("calendar.read"),
            new DelegationPolicy(Set.of(ClientId.of("mcp")), Set.of(ClientKind.MCP_SERVER), 2, Scopes.of()),
            Instant.parse("2026-12-01T00:00:00.123456789Z"), "admin", Instant.parse("2026-11-28T10:00:00Z"));

    @Test
    void serializeWhenGrantCreatedThenPlainJsonWithCatalogRevisionThatRoundTrips() {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"grantId\":\"grt_1\"", "\"scopes\":[\"calendar.read\"]",
                "\"expiresAt\":\"2026-12-01T00:00:00.123456789Z\"");
        assertThat(stored.getType().getRevision()).isEqualTo(String.valueOf(GrantCreated.REVISION));
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void serializeWhenReplayTokenThenRoundTrips() {
        // The publisher's token is stored with this serializer; a token that does not come back would
        // make the processor start over and re-publish everything.
        TrackingToken token = ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(42, List.of(40L)), GapAwareTrackingToken.newInstance(7, List.of()));

        SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(token);
    }
}
