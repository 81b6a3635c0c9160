package io.mandate.issuer.ledger;

import io.mandate.issuer.ids.RandomIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.consent.ConsentEvent;
import io.mandate.messages.key.SigningKeyEvent;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.token.TokenEvent;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.AxonEventRows;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventType;
import io.mandate.messages.wire.SharedEventStore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows of Axon's JPA event store ({@code domain_event_entry}), written and read the way Axon 4.13
 * does with the Jackson serializer the command-service configures ({@link EventCodec#newObjectMapper()}),
 * so its {@code kafka-publisher} and aggregates read the issuer's rows like their own. The row format itself
 * (time stamp, insert) is {@link AxonEventRows}, shared with the event generator.
 */
final class AxonRows {

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
    /** The one event of every exchange, written without data binding; the same bytes as {@link #mapper}. */
    private final TokenExchangedJson exchanged = new TokenExchangedJson(mapper.getFactory());

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
                    event.getClass().getName(), Integer.toString(type.revision()), payload(event),
                    event instanceof SigningKeyEvent);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + type.name(), e);
        }
    }

    private byte[] payload(MandateEvent event) throws JsonProcessingException {
        return event instanceof TokenExchanged hop ? exchanged.write(hop) : mapper.writeValueAsBytes(event);
    }

    static String timeStamp(Instant instant) {
        return AxonEventRows.timeStamp(instant);
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
        List<AxonEventRows.Row> shared = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            EventRow row = rows.get(i);
            shared.add(new AxonEventRows.Row(row.eventIdentifier(), row.aggregateId(), row.aggregateType(),
                    row.payloadType(), row.payloadRevision(), row.payload(), sequences[i]));
        }
        return AxonEventRows.insert(connection, shared, storedAt);
    }

    /** Class names by type, for the {@code payload_type = ANY(?)} filter. */
    static String[] payloadTypes(List<Class<? extends MandateEvent>> types) {
        return types.stream().map(Class::getName).toArray(String[]::new);
    }
}
