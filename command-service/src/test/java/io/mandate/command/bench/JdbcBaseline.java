package io.mandate.command.bench;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * The baseline: one row per operation, the shape and size of the event a command writes, inserted
 * into a scratch copy of {@code domain_event_entry} (same columns, constraints and indexes), one
 * insert and one commit per operation, on the same PostgreSQL. What any durable write costs here.
 */
final class JdbcBaseline {

    static final String TABLE = "bench_baseline_event";

    /** What Axon's MessageOriginProvider puts on every event: a trace and a correlation id. */
    private static final String METADATA = "{\"traceId\":\"" + UUID.randomUUID()
            + "\",\"correlationId\":\"" + UUID.randomUUID() + "\"}";

    private final DataSource dataSource;

    JdbcBaseline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void createScratchTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (like domain_event_entry including all)");
            statement.execute("drop sequence if exists " + TABLE + "_seq");
            statement.execute("create sequence " + TABLE + "_seq");
        }
    }

    void dropScratchTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("drop sequence if exists " + TABLE + "_seq");
        }
    }

    /** One row like the event store's, with this payload; its own transaction, committed. */
    void insert(String aggregateType, String payloadType, byte[] payload) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE
                    + " (global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data)"
                    + " values (nextval('" + TABLE + "_seq'), ?, ?, 0, ?, ?, ?, '1', ?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "grt_" + UUID.randomUUID());
                insert.setString(3, aggregateType);
                insert.setString(4, Instant.now().toString());
                insert.setString(5, payloadType);
                insert.setBytes(6, payload);
                insert.setBytes(7, METADATA.getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("baseline insert failed", e);
        }
    }
}
