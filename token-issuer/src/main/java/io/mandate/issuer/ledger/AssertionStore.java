package io.mandate.issuer.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Client assertions already used (RFC 7523 §3: a {@code jti} is accepted once), stored as hashes
 * in {@code mandate_client_assertion} in the same transaction as the token events they authorise,
 * so a replay is refused by every issuer instance and a rolled-back batch consumes nothing.
 */
final class AssertionStore {

    static final String TABLE = "mandate_client_assertion";

    private static final String[] CREATE = {
            """
            CREATE TABLE IF NOT EXISTS mandate_client_assertion (
                jti_hash   varchar(64)  PRIMARY KEY,
                client_id  varchar(255) NOT NULL,
                expires_at timestamptz  NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS mandate_client_assertion_expires_at ON mandate_client_assertion (expires_at)"};

    /** Sorted input, so two batches racing on the same hashes lock them in the same order (no deadlock). */
    private static final String INSERT = """
            INSERT INTO mandate_client_assertion (jti_hash, client_id, expires_at)
            SELECT h, c, e::timestamptz FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS a(h, c, e)
            ON CONFLICT DO NOTHING
            RETURNING jti_hash""";

    private static final String PURGE = "DELETE FROM mandate_client_assertion WHERE expires_at < ?";

    private AssertionStore() {
    }

    /** Idempotent; several issuers may run it at once (a lost race fails and is retried later). */
    static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : CREATE) {
                statement.execute(ddl);
            }
        }
    }

    /**
     * Records the uses, sorted by hash; answers the hashes that were new (the others were used before).
     *
     * @param uses distinct by hash
     */
    static Set<String> consume(Connection connection, List<Use> uses) throws SQLException {
        if (uses.isEmpty()) {
            return Set.of();
        }
        List<Use> sorted = uses.stream().sorted((a, b) -> a.jtiHash().compareTo(b.jtiHash())).toList();
        String[] hashes = sorted.stream().map(Use::jtiHash).toArray(String[]::new);
        String[] clients = sorted.stream().map(use -> use.assertion().clientId()).toArray(String[]::new);
        String[] expiries = sorted.stream().map(use -> use.assertion().expiresAt().toString()).toArray(String[]::new);
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("varchar", hashes));
            insert.setArray(2, connection.createArrayOf("varchar", clients));
            insert.setArray(3, connection.createArrayOf("varchar", expiries));
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }
        }
        return inserted;
    }

    /** Deletes uses whose assertion expired before {@code before}; answers how many. */
    static int purge(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(PURGE)) {
            delete.setObject(1, before.atOffset(ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }

    /** An assertion with its replay key, computed once. */
    record Use(AssertionUse assertion, String jtiHash) {

        static Use of(AssertionUse assertion) {
            return new Use(assertion, assertion.jtiHash());
        }
    }
}
