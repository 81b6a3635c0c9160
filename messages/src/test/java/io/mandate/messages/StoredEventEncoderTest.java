package io.mandate.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.EventType;
import io.mandate.messages.wire.MalformedEventException;
import io.mandate.messages.wire.StoredEventEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Forwarding the stored payload makes exactly the record that decoding and re-encoding it made. */
class StoredEventEncoderTest {

    private static final ObjectMapper STORE_JSON = EventCodec.newObjectMapper(); // the event store's serializer settings
    private static final Instant STORED_AT = Instant.parse("2026-11-28T12:00:00.123Z");

    private final StoredEventEncoder encoder = new StoredEventEncoder();
    private final EventCodec codec = new EventCodec();

    @ParameterizedTest
    @MethodSource("io.mandate.messages.CatalogRoundTripTest#samples")
    void encodeWhenStoredAtCurrentRevisionThenSameRecordAsDecodeAndEncode(MandateEvent event) throws Exception {
        for (Instant occurredAt : new Instant[] {STORED_AT, Instant.parse("2026-11-28T12:00:00Z"),
                Instant.parse("2026-11-28T12:00:00.000456789Z")}) {
            EventEnvelope envelope = EventEnvelope.wrap("evt-1", 7, occurredAt, event);
            EventType type = EventCatalog.of(event);

            StoredEventEncoder.Record record = encoder.encode("evt-1", type, Integer.toString(type.revision()),
                    event.aggregateId(), 7, occurredAt, STORE_JSON.writeValueAsBytes(event));

            assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(codec.encode(envelope), StandardCharsets.UTF_8));
            assertThat(record.key()).isEqualTo(event.partitionKey());
            assertThat(record.topic()).isEqualTo(envelope.topic());
            assertThat(codec.decode(record.value())).isEqualTo(envelope);
        }
    }

    @ParameterizedTest
    @MethodSource("io.mandate.messages.CatalogRoundTripTest#samples")
    void decodeWhenCurrentRevisionThenKeepsThePayloadJsonEncodingThePayloadWouldMake(MandateEvent event) {
        EventEnvelope decoded = codec.decode(codec.encode(EventEnvelope.wrap("evt-5", 1, STORED_AT, event)));

        assertThat(decoded.payloadJson()).isEqualTo(STORE_JSON.valueToTree(event));
    }

    @Test
    void decodeWhenOlderRevisionThenNoPayloadJsonSinceItIsNotThePayloadsCurrentShape() {
        String revisionOne = """
                {"eventId":"e1","type":"GrantCreated","revision":1,"aggregateId":"grt_1","sequence":0,
                 "occurredAt":"2026-11-28T12:00:00Z","payload":{"grantId":"grt_1","userId":"alice",
                 "agentId":"travel-agent","audience":"https://calendar.example","scopes":["calendar.read"],
                 "policy":{"allowedNextClients":[],"allowedNextKinds":[],"maxDepth":1,"approvalScopes":[]},
                 "createdBy":"admin","createdAt":"2026-11-28T12:00:00Z"}}""";

        EventEnvelope decoded = codec.decode(revisionOne.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.payload()).isNotNull();
        assertThat(decoded.payloadJson()).isNull();
    }

    @Test
    void encodeWhenRefusalHasNoClientThenKeyedByItsAggregateAsPartitionKeySays() throws Exception {
        TokenExchangeRefused refusal = new TokenExchangeRefused("ref-9", null, null, false, "invalid_client",
                "unknown_client", null, null, null, null, null, STORED_AT);
        EventType type = EventCatalog.of(refusal);

        StoredEventEncoder.Record record = encoder.encode("evt-2", type, Integer.toString(type.revision()),
                refusal.aggregateId(), 0, STORED_AT, STORE_JSON.writeValueAsBytes(refusal));

        assertThat(record.key()).isEqualTo(refusal.partitionKey()).isEqualTo("refusal:ref-9");
    }

    @Test
    void encodeWhenStoredAtAnotherRevisionThenNotForwarded() throws Exception {
        MandateEvent event = CatalogRoundTripTest.samples().findFirst().orElseThrow();
        EventType type = EventCatalog.of(event);

        assertThat(encoder.encode("evt-3", type, Integer.toString(type.revision() - 1), event.aggregateId(), 0, STORED_AT,
                STORE_JSON.writeValueAsBytes(event))).isNull();
        assertThat(encoder.encode("evt-3", type, null, event.aggregateId(), 0, STORED_AT,
                STORE_JSON.writeValueAsBytes(event))).isNull();
    }

    @Test
    void encodeWhenStoredPayloadIsBrokenThenRefusedWithoutQuotingIt() {
        EventType type = EventCatalog.byName("TokenExchanged").orElseThrow();
        String revision = Integer.toString(type.revision());

        for (String broken : new String[] {"{\"grantId\":\"secret-value", "[\"secret-value\"]", "{\"a\":1} {\"b\":2}", "not json"}) {
            assertThatThrownBy(() -> encoder.encode("evt-4", type, revision, "issued:j", 0, STORED_AT,
                    broken.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(MalformedEventException.class)
                    .message().doesNotContain("secret-value");
        }
    }
}
