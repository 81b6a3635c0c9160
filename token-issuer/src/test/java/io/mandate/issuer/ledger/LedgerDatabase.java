package io.mandate.issuer.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mandate.infra.testkit.TestStack;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.SharedEventStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A schema of its own in the test stack's PostgreSQL (shared by every module's tests), holding
 * Axon's event table as the command-service creates it ({@code ledger/axon-event-store.sql}); a
 * pool whose {@code search_path} is that schema; and helpers that write rows the way Axon does and
 * read them back. Dropped on {@link #close()}.
 */
final class LedgerDatabase implements AutoCloseable {

    private static final ObjectMapper JSON = EventCodec.newObjectMapper();

    final String schema = "ledger_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<JdbcTokenLedger> ledgers = new ArrayList<>();

    private LedgerDatabase() {
    }

    /** A schema with the event table. */
    static LedgerDatabase withEventStore() {
        LedgerDatabase database = withoutEventStore();
        database.createEventStore();
        return database;
    }

    /** A schema without the event table (the command-service has not created it yet). */
    static LedgerDatabase withoutEventStore() {
        LedgerDatabase database = new LedgerDatabase();
        database.execute("CREATE SCHEMA " + database.schema);
        return database;
    }

    void createEventStore() {
        try (InputStream sql = LedgerDatabase.class.getResourceAsStream("/ledger/axon-event-store.sql")) {
            String script = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    HikariDataSource pool() {
        return pool(TestStack.get().jdbcUrl());
    }

    HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(TestStack.get().jdbcUsername());
        config.setPassword(TestStack.get().jdbcPassword());
        config.setMaximumPoolSize(6);
        config.setConnectionTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** A started ledger on this schema; stopped on close. */
    JdbcTokenLedger ledger(LedgerProperties properties) {
        return ledger(pool(), properties);
    }

    JdbcTokenLedger ledger(javax.sql.DataSource dataSource, LedgerProperties properties) {
        JdbcTokenLedger ledger = new JdbcTokenLedger(dataSource, properties, Clock.systemUTC(), new SimpleMeterRegistry());
        ledger.start();
        ledgers.add(ledger);
        return ledger;
    }

    /** A plain connection in this schema, autocommit on. */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(TestStack.get().jdbcUrl(), TestStack.get().jdbcUsername(),
                TestStack.get().jdbcPassword());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        }
        return connection;
    }

    /** A connection holding the revocation fence (exclusive or shared) until it is committed. */
    Connection holdFence(boolean exclusive) throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock" + (exclusive ? "" : "_shared") + "("
                    + SharedEventStore.REVOCATION_FENCE_LOCK + ")");
        }
        return connection;
    }

    /** Appends an event as the command-service's Axon would (its aggregate type given), at a sequence. */
    void storeAsAxon(MandateEvent event, long sequence, String aggregateType) {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, payload_revision,
                    payload_type, time_stamp, aggregate_identifier, sequence_number, type)
                VALUES (nextval('domain_event_entry_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, "{\"traceId\":\"t\",\"correlationId\":\"t\"}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(3, JSON.writeValueAsBytes(event));
            insert.setString(4, Integer.toString(EventCatalog.of(event).revision()));
            insert.setString(5, event.getClass().getName());
            insert.setString(6, AxonRows.timeStamp(Instant.now()));
            insert.setString(7, event.aggregateId());
            insert.setLong(8, sequence);
            insert.setString(9, aggregateType);
            insert.executeUpdate();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every column of the rows of one stream, in sequence order. */
    List<Map<String, Object>> rows(String aggregateId) {
        return query("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                aggregateId);
    }

    long count(String sql, Object... parameters) {
        return ((Number) query(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.put(result.getMetaData().getColumnName(column), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(TestStack.get().jdbcUrl(),
                TestStack.get().jdbcUsername(), TestStack.get().jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ledgers.forEach(JdbcTokenLedger::stop);
        pools.forEach(HikariDataSource::close);
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
