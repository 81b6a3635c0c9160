package io.mandate.issuer.support;

import io.mandate.infra.testkit.TestStack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the command-service's event table in the test stack's database when the issuer's tests
 * run without the command-service (a module run alone): the ledger and the signing key are only
 * ready once the table exists. Idempotent, the same script the ledger ITs use.
 */
public final class EventStoreSchema {

    private EventStoreSchema() {
    }

    public static void ensureInTestStack() {
        TestStack stack = TestStack.get();
        try (InputStream sql = EventStoreSchema.class.getResourceAsStream("/ledger/axon-event-store.sql");
             Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUsername(),
                     stack.jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create the event table in the test stack", e);
        }
    }
}
