package io.mandate.issuer.ledger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what {@link AuthorityRules} judges from: the revocation and lifecycle events of every
 * aggregate a set of checks names, in ONE query whatever the batch size (primary-key prefix scan
 * on {@code (aggregate_identifier, sequence_number)}).
 */
final class AuthorityReader {

    private static final String SELECT = """
            SELECT aggregate_identifier, sequence_number, payload_type, payload FROM domain_event_entry
            WHERE aggregate_identifier = ANY(?) AND payload_type = ANY(?)""";

    private static final String[] PAYLOAD_TYPES = AxonRows.payloadTypes(AuthorityRules.TYPES);

    private final AxonRows rows;

    AuthorityReader(AxonRows rows) {
        this.rows = rows;
    }

    AuthorityFacts read(Connection connection, List<AuthorityCheck> checks) throws SQLException {
        if (checks.isEmpty()) {
            return AuthorityFacts.NONE;
        }
        Set<String> aggregates = AuthorityRules.aggregates(checks);
        List<AuthorityFacts.Stored> stored = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setArray(1, connection.createArrayOf("varchar", aggregates.toArray()));
            select.setArray(2, connection.createArrayOf("varchar", PAYLOAD_TYPES));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String aggregate = result.getString(1);
                    try {
                        stored.add(new AuthorityFacts.Stored(aggregate, result.getLong(2),
                                rows.decode(result.getString(3), result.getBytes(4))));
                    } catch (IOException e) {
                        // A revocation that cannot be read must not be read as "no revocation".
                        throw new SQLException("unreadable " + result.getString(3) + " in stream " + aggregate, e);
                    }
                }
            }
        }
        return AuthorityFacts.of(stored);
    }
}
