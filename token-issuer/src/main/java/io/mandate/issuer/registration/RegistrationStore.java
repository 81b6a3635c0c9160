package io.mandate.issuer.registration;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The issuer's own record of each dynamically registered client ({@code mandate_client_registration} in
 * the shared PostgreSQL): the registration access token's hash (never the token), the metadata as
 * accepted (RFC 7592 §2.1 answers from it), and the software statement as submitted (RFC 7591 §3.2.1
 * returns it unmodified; it never goes into an event). Any failure is "unavailable": the caller
 * compensates on the command side, so no client stays half-registered.
 */
class RegistrationStore {

    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS mandate_client_registration (
                client_id          varchar(255) PRIMARY KEY,
                token_hash         varchar(80)  NOT NULL,
                metadata           text         NOT NULL,
                software_statement text,
                issued_at          timestamptz  NOT NULL,
                updated_at         timestamptz  NOT NULL)""";

    private final JdbcTemplate jdbc;
    private volatile boolean tableReady;

    RegistrationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row: what GET/PUT/DELETE /oauth2/register/{id} need. */
    record Row(String clientId, String tokenHash, String metadata, String softwareStatement, Instant issuedAt) {
        @Override
        public String toString() {
            return "Row[" + clientId + "]";  // never the hash or the metadata in a log line
        }
    }

    void insert(Row row) {
        run(() -> jdbc.update("INSERT INTO mandate_client_registration (client_id, token_hash, metadata, "
                        + "software_statement, issued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                row.clientId(), row.tokenHash(), row.metadata(), row.softwareStatement(),
                Timestamp.from(row.issuedAt()), Timestamp.from(row.issuedAt())));
    }

    /** Replaces metadata and token hash, only if the token presented is still the current one (no lost update). */
    boolean update(String clientId, String expectedTokenHash, String newTokenHash, String metadata,
                   String softwareStatement, Instant at) {
        int[] updated = new int[1];
        run(() -> updated[0] = jdbc.update("UPDATE mandate_client_registration SET token_hash = ?, metadata = ?, "
                        + "software_statement = ?, updated_at = ? WHERE client_id = ? AND token_hash = ?",
                newTokenHash, metadata, softwareStatement, Timestamp.from(at), clientId, expectedTokenHash));
        return updated[0] == 1;
    }

    Optional<Row> find(String clientId) {
        List<Row> rows = call(() -> jdbc.query("SELECT client_id, token_hash, metadata, software_statement, issued_at "
                        + "FROM mandate_client_registration WHERE client_id = ?",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), clientId));
        return rows.stream().findFirst();
    }

    void delete(String clientId) {
        run(() -> jdbc.update("DELETE FROM mandate_client_registration WHERE client_id = ?", clientId));
    }

    private void run(Runnable statement) {
        call(() -> {
            statement.run();
            return null;
        });
    }

    private <T> T call(java.util.function.Supplier<T> statement) {
        try {
            ensureTable();
            return statement.get();
        } catch (DataAccessException e) {
            throw RegistrationError.unavailable();
        }
    }

    /** Idempotent; several issuer instances may race on it (the loser's IF NOT EXISTS is a no-op). */
    private void ensureTable() {
        if (!tableReady) {
            jdbc.execute(CREATE);
            tableReady = true;
        }
    }
}
