package io.mandate.system.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.wire.AxonEventRows;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.SharedEventStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends token events to the shared event store as the token-issuer's ledger does: each event its own
 * one-event stream ({@code issued:<jti>}, {@code refusal:<id>}; sequence 0; aggregate type
 * {@link SharedEventStore#TOKEN_LEDGER_TYPE}), a whole batch in one transaction (group commit), through the
 * row format both share ({@link AxonEventRows}). The command-service's {@code kafka-publisher} publishes them
 * like every other event.
 */
final class LedgerAppender implements AutoCloseable {

    private final ObjectMapper mapper = EventCodec.newObjectMapper();
    private final Connection connection;

    LedgerAppender(String jdbcUrl, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.connection.setAutoCommit(false);
    }

    /** Writes and commits the batch; answers the event ids, in order. */
    List<String> append(List<MandateEvent> events, Instant storedAt) throws SQLException {
        List<AxonEventRows.Row> rows = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (MandateEvent event : events) {
            String id = TrafficMix.eventId();
            ids.add(id);
            rows.add(AxonEventRows.Row.of(id, event, SharedEventStore.TOKEN_LEDGER_TYPE, 0, mapper));
        }
        try {
            int inserted = AxonEventRows.insert(connection, rows, storedAt).size();
            if (inserted != rows.size()) {
                throw new IllegalStateException(rows.size() - inserted + " rows of a batch took a stream position that was taken");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        return ids;
    }

    /** The highest global index now (rows written after it are this run's and its cascades). */
    long lastGlobalIndex() throws SQLException {
        return single("SELECT COALESCE(MAX(global_index), 0) FROM " + SharedEventStore.EVENT_TABLE);
    }

    long rowsAfter(long globalIndex) throws SQLException {
        return single("SELECT COUNT(*) FROM " + SharedEventStore.EVENT_TABLE + " WHERE global_index > " + globalIndex);
    }

    private long single(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            long value = result.getLong(1);
            connection.commit();
            return value;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
