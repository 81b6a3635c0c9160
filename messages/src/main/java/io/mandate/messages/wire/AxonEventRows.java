package io.mandate.messages.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.MandateEvent;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

/**
 * Rows of Axon's JPA event store ({@code domain_event_entry}) as Axon 4.13 writes them with the Jackson
 * serializer the command-service configures ({@link EventCodec#newObjectMapper()}): the one format every
 * writer of the shared event store other than Axon itself uses — the token-issuer's ledger and the event
 * generator (system-tests) — so the command-service's {@code kafka-publisher} and aggregates read their
 * rows like their own. Plain JDBC: no framework.
 */
public final class AxonEventRows {

    /**
     * Axon's {@code DateTimeUtils.formatInstant}: ISO-8601 in UTC, always three fraction digits
     * (truncated, not rounded), offset {@code Z}.
     */
    public static final DateTimeFormatter TIME_STAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(YEAR, 4, 10, SignStyle.EXCEEDS_PAD).appendLiteral('-')
            .appendValue(MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(DAY_OF_MONTH, 2).appendLiteral('T')
            .appendValue(HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(SECOND_OF_MINUTE, 2)
            .appendFraction(NANO_OF_SECOND, 3, 3, true)
            .appendOffsetId()
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    /** Axon's meta data column for a message without meta data. */
    public static final byte[] EMPTY_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);

    /**
     * All rows of a batch in one statement (arrays unnested: one round trip, whatever the size). A
     * row whose stream position is taken already is skipped, not fatal to the batch: RETURNING
     * says which rows went in. The global index comes from Axon's sequence, as for Axon's own rows.
     */
    private static final String INSERT = """
            INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, payload_revision,
                                            payload_type, time_stamp, aggregate_identifier, sequence_number, type)
            SELECT nextval('domain_event_entry_seq'), r.event_identifier, ?, r.payload, r.payload_revision,
                   r.payload_type, ?, r.aggregate_identifier, r.sequence_number, r.type
            FROM unnest(?::varchar[], ?::bytea[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[])
                 AS r(event_identifier, payload, payload_revision, payload_type, aggregate_identifier,
                      sequence_number, type)
            ON CONFLICT DO NOTHING
            RETURNING event_identifier""";

    private AxonEventRows() {
    }

    /**
     * One {@code domain_event_entry} row.
     *
     * @param eventIdentifier Axon's event id (and the Kafka envelope's {@code eventId})
     * @param aggregateId     the stream ({@code MandateEvent.aggregateId()})
     * @param aggregateType   Axon's aggregate {@code type} column ({@link SharedEventStore} constants)
     * @param payloadType     the record's class name, as Axon's Jackson serializer writes it
     * @param payloadRevision the catalogue revision, as a string
     * @param payload         the record's JSON, UTF-8
     * @param sequence        the position in the stream (0 for one-event streams)
     */
    public record Row(String eventIdentifier, String aggregateId, String aggregateType, String payloadType,
                      String payloadRevision, byte[] payload, long sequence) {

        public Row {
            Objects.requireNonNull(eventIdentifier, "eventIdentifier");
            Objects.requireNonNull(aggregateId, "aggregateId");
            Objects.requireNonNull(aggregateType, "aggregateType");
            Objects.requireNonNull(payloadType, "payloadType");
            Objects.requireNonNull(payload, "payload");
        }

        /** The row of {@code event}: class name, catalogue revision and JSON as Axon's Jackson serializer writes them. */
        public static Row of(String eventIdentifier, MandateEvent event, String aggregateType, long sequence,
                             ObjectMapper mapper) {
            EventType type = EventCatalog.of(event);
            try {
                return new Row(eventIdentifier, event.aggregateId(), aggregateType, event.getClass().getName(),
                        Integer.toString(type.revision()), mapper.writeValueAsBytes(event), sequence);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialise " + type.name(), e);
            }
        }
    }

    public static String timeStamp(Instant instant) {
        return TIME_STAMP.format(instant);
    }

    /**
     * Inserts the rows, all stored at {@code storedAt}, in the caller's transaction; answers the event
     * identifiers actually inserted (a row whose stream position is taken is skipped).
     */
    public static Set<String> insert(Connection connection, List<Row> rows, Instant storedAt) throws SQLException {
        int size = rows.size();
        String[] ids = new String[size];
        byte[][] payloads = new byte[size][];
        String[] revisions = new String[size];
        String[] payloadTypes = new String[size];
        String[] aggregates = new String[size];
        Long[] sequences = new Long[size];
        String[] types = new String[size];
        for (int i = 0; i < size; i++) {
            Row row = rows.get(i);
            ids[i] = row.eventIdentifier();
            payloads[i] = row.payload();
            revisions[i] = row.payloadRevision();
            payloadTypes[i] = row.payloadType();
            aggregates[i] = row.aggregateId();
            sequences[i] = row.sequence();
            types[i] = row.aggregateType();
        }
        Set<String> inserted = new HashSet<>(size * 2);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setBytes(1, EMPTY_META_DATA);
            insert.setString(2, timeStamp(storedAt));
            insert.setArray(3, connection.createArrayOf("varchar", ids));
            insert.setArray(4, connection.createArrayOf("bytea", payloads));
            insert.setArray(5, connection.createArrayOf("varchar", revisions));
            insert.setArray(6, connection.createArrayOf("varchar", payloadTypes));
            insert.setArray(7, connection.createArrayOf("varchar", aggregates));
            insert.setArray(8, connection.createArrayOf("int8", sequences));
            insert.setArray(9, connection.createArrayOf("varchar", types));
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }
        }
        return inserted;
    }
}
