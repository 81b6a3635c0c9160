package io.mandate.issuer.ledger;

import io.mandate.issuer.ids.RandomIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.consent.ConsentEvent;
import io.mandate.messages.key.SigningKeyEvent;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.token.TokenEvent;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventType;
import io.mandate.messages.wire.SharedEventStore;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

/**
 * Rows of Axon's JPA event store ({@code domain_event_entry}), written and read the way Axon 4.13
 * does with the Jackson serializer the command-service configures ({@link EventCodec#newObjectMapper()}),
 * so its {@code kafka-publisher} and aggregates read the issuer's rows like their own.
 */
final class AxonRows {

    /**
     * Axon's {@code DateTimeUtils.formatInstant}: ISO-8601 in UTC, always three fraction digits
     * (truncated, not rounded), offset {@code Z}.
     */
    static final DateTimeFormatter TIME_STAMP = new DateTimeFormatterBuilder()
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
    static final byte[] EMPTY_META_DATA = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * All rows of a batch in one statement (arrays unnested: one round trip, whatever the size). A
     * row whose stream position is taken already is skipped, not fatal to the batch: RETURNING
     * says which rows went in.
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

    private static final String NEXT_SEQUENCES = """
            SELECT aggregate_identifier, MAX(sequence_number) + 1 FROM domain_event_entry
            WHERE aggregate_identifier = ANY(?) GROUP BY aggregate_identifier""";

    /**
     * Serialises appends to multi-event streams (signing keys) between writers and issuer
     * instances, so two batches never take the same next sequence. Two-int advisory keys live in a
     * key space apart from the single-bigint revocation fence.
     */
    private static final String LOCK_MULTI_EVENT_STREAMS = "SELECT pg_advisory_xact_lock(1296778585, 0)"; // "MKEY", 0;

    private static final Map<String, Class<? extends MandateEvent>> BY_CLASS_NAME = EventCatalog.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(type -> type.javaType().getName(), EventType::javaType));

    /** Aggregate type of the consent decisions the issuer records (one-event streams {@code consent:<id>}). */
    static final String CONSENT_TYPE = "Consent";

    private final ObjectMapper mapper = EventCodec.newObjectMapper();

    /** The row of an event the ledger appends; its JSON is the record's, exactly. */
    EventRow rowOf(MandateEvent event) {
        EventType type = EventCatalog.of(event);
        String aggregateType;
        if (event instanceof TokenEvent) {
            aggregateType = SharedEventStore.TOKEN_LEDGER_TYPE;
        } else if (event instanceof SigningKeyEvent) {
            aggregateType = SharedEventStore.SIGNING_KEY_TYPE;
        } else if (event instanceof TokenRevoked) {
            aggregateType = SharedEventStore.TOKEN_REVOCATION_TYPE;
        } else if (event instanceof ConsentEvent) {
            aggregateType = CONSENT_TYPE;
        } else {
            throw new IllegalArgumentException("not a token-issuer stream: " + type.name());
        }
        try {
            return new EventRow(RandomIds.uuid(), event.aggregateId(), aggregateType,
                    event.getClass().getName(), Integer.toString(type.revision()), mapper.writeValueAsBytes(event),
                    event instanceof SigningKeyEvent);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + type.name(), e);
        }
    }

    static String timeStamp(Instant instant) {
        return TIME_STAMP.format(instant);
    }

    /** A stored payload back as its record; {@code payloadType} is the class name Axon stored. */
    MandateEvent decode(String payloadType, byte[] payload) throws IOException {
        Class<? extends MandateEvent> type = BY_CLASS_NAME.get(payloadType);
        if (type == null) {
            throw new IOException("unknown payload type " + payloadType);
        }
        return mapper.readValue(payload, type);
    }

    /**
     * The sequence each multi-event row takes: one after the stream's last (0 for a new stream),
     * in batch order. Call inside the writing transaction; it takes the multi-event stream lock.
     */
    static long[] sequences(Connection connection, List<EventRow> rows) throws SQLException {
        long[] sequences = new long[rows.size()];
        Set<String> streams = new HashSet<>();
        for (EventRow row : rows) {
            if (row.multiEvent()) {
                streams.add(row.aggregateId());
            }
        }
        if (streams.isEmpty()) {
            return sequences;
        }
        Map<String, Long> next = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_MULTI_EVENT_STREAMS)) {
            lock.execute();
        }
        try (PreparedStatement select = connection.prepareStatement(NEXT_SEQUENCES)) {
            select.setArray(1, connection.createArrayOf("varchar", streams.toArray()));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    next.put(result.getString(1), result.getLong(2));
                }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).multiEvent()) {
                sequences[i] = next.merge(rows.get(i).aggregateId(), 1L, Long::sum) - 1;
            }
        }
        return sequences;
    }

    /** Inserts the rows at the given sequences; answers the event identifiers actually inserted. */
    static Set<String> insert(Connection connection, List<EventRow> rows, long[] sequences, Instant storedAt)
            throws SQLException {
        int size = rows.size();
        String[] ids = new String[size];
        byte[][] payloads = new byte[size][];
        String[] revisions = new String[size];
        String[] payloadTypes = new String[size];
        String[] aggregates = new String[size];
        Long[] sequenceNumbers = new Long[size];
        String[] types = new String[size];
        for (int i = 0; i < size; i++) {
            EventRow row = rows.get(i);
            ids[i] = row.eventIdentifier();
            payloads[i] = row.payload();
            revisions[i] = row.payloadRevision();
            payloadTypes[i] = row.payloadType();
            aggregates[i] = row.aggregateId();
            sequenceNumbers[i] = sequences[i];
            types[i] = row.aggregateType();
        }
        Set<String> inserted = new HashSet<>(size * 2);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setBytes(1, EMPTY_META_DATA);
            insert.setString(2, timeStamp(storedAt));
            insert.setArray(3, array(connection, "varchar", ids));
            insert.setArray(4, array(connection, "bytea", payloads));
            insert.setArray(5, array(connection, "varchar", revisions));
            insert.setArray(6, array(connection, "varchar", payloadTypes));
            insert.setArray(7, array(connection, "varchar", aggregates));
            insert.setArray(8, array(connection, "int8", sequenceNumbers));
            insert.setArray(9, array(connection, "varchar", types));
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }
        }
        return inserted;
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    /** Class names by type, for the {@code payload_type = ANY(?)} filter. */
    static String[] payloadTypes(List<Class<? extends MandateEvent>> types) {
        return types.stream().map(Class::getName).toArray(String[]::new);
    }
}
