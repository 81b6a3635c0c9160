package io.mandate.issuer.ledger;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.key.SigningKeyActivated;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.key.SigningKeyRetired;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.SharedEventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows the ledger writes are Axon's: every column as Axon 4.13's JPA storage engine with the
 * command-service's Jackson serializer fills it, and the payload reads back (and travels as a
 * Kafka envelope) as an equal record. Axon itself does not run here, so the format rules are
 * asserted one by one, against the table the command-service creates.
 */
class LedgerRowsIT {

    private static LedgerDatabase database;
    private static JdbcTokenLedger ledger;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        database = LedgerDatabase.withEventStore();
        ledger = database.ledger(LedgerProperties.defaults());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void appendWhenTokenEventsThenOneEventStreamsInAxonsShape() throws Exception {
        Instant before = Instant.now();
        TokenExchanged exchanged = LedgerTestData.exchanged("jti-" + run, "grt_" + run, "alice",
                List.of("mcp", "agent"), before);
        ClientTokenIssued issued = LedgerTestData.clientToken("cc-" + run, "service", before);
        TokenExchangeRefused refused = LedgerTestData.refusal("agent", before);

        for (MandateEvent event : List.of(exchanged, issued, refused)) {
            assertThat(record(event)).isEqualTo(LedgerOutcome.RECORDED);
        }
        Instant after = Instant.now();

        for (MandateEvent event : List.of(exchanged, issued, refused)) {
            List<Map<String, Object>> rows = database.rows(event.aggregateId());
            assertThat(rows).hasSize(1);
            assertAxonShaped(rows.get(0), event, 0, SharedEventStore.TOKEN_LEDGER_TYPE, before, after);
        }
    }

    @Test
    void appendWhenSigningKeyLifecycleThenOneStreamAtSequencesZeroOneTwo() throws Exception {
        String kid = "kid-" + run;
        Instant before = Instant.now();
        // Created and activated appended together (one batch, usually), retired later.
        CompletableFuture<LedgerOutcome> created = ledger.append(LedgerEntry.of(
                new SigningKeyCreated(kid, "ES256", "{\"kty\":\"EC\"}", "issuer-" + run, before)));
        CompletableFuture<LedgerOutcome> activated = ledger.append(LedgerEntry.of(new SigningKeyActivated(kid, before)));
        assertThat(created.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);
        assertThat(activated.get(10, TimeUnit.SECONDS)).isEqualTo(LedgerOutcome.RECORDED);
        SigningKeyRetired retired = new SigningKeyRetired(kid, before, before.plus(Duration.ofHours(1)));
        assertThat(record(retired)).isEqualTo(LedgerOutcome.RECORDED);

        List<Map<String, Object>> rows = database.rows("key:" + kid);
        assertThat(rows).extracting(row -> row.get("sequence_number")).containsExactly(0L, 1L, 2L);
        assertThat(rows).extracting(row -> row.get("payload_type")).containsExactly(
                SigningKeyCreated.class.getName(), SigningKeyActivated.class.getName(), SigningKeyRetired.class.getName());
        assertAxonShaped(rows.get(2), retired, 2, SharedEventStore.SIGNING_KEY_TYPE, before, Instant.now());
        assertThat((Long) rows.get(0).get("global_index")).isLessThan((Long) rows.get(1).get("global_index"));
    }

    private static LedgerOutcome record(MandateEvent event) throws Exception {
        return ledger.append(LedgerEntry.of(event)).get(10, TimeUnit.SECONDS);
    }

    private static void assertAxonShaped(Map<String, Object> row, MandateEvent event, long sequence, String type,
                                         Instant before, Instant after) throws Exception {
        assertThat((Long) row.get("global_index")).isPositive();
        assertThat(UUID.fromString((String) row.get("event_identifier")).toString()).isEqualTo(row.get("event_identifier"));
        assertThat(new String((byte[]) row.get("meta_data"), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(row.get("payload_type")).isEqualTo(event.getClass().getName());
        assertThat(row.get("payload_revision")).isEqualTo("1");
        assertThat(row.get("aggregate_identifier")).isEqualTo(event.aggregateId());
        assertThat(row.get("sequence_number")).isEqualTo(sequence);
        assertThat(row.get("type")).isEqualTo(type);

        String timeStamp = (String) row.get("time_stamp");
        assertThat(timeStamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        Instant stored = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(timeStamp));
        assertThat(stored).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), after);

        byte[] payload = (byte[]) row.get("payload");
        assertThat(EventCodec.newObjectMapper().readValue(payload, event.getClass())).isEqualTo(event);
        // What the command-service's kafka-publisher makes of the row reads back as the same event.
        EventCodec codec = new EventCodec();
        EventEnvelope envelope = EventEnvelope.wrap((String) row.get("event_identifier"), sequence, stored,
                EventCodec.newObjectMapper().readValue(payload, event.getClass()));
        assertThat(codec.decode(codec.encode(envelope)).payload()).isEqualTo(event);
    }
}
