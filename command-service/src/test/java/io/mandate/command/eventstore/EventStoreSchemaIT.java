package io.mandate.command.eventstore;

import io.mandate.command.RealStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema Hibernate created for Axon on PostgreSQL, checked where the defaults would be wrong. */
class EventStoreSchemaIT extends RealStack {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void globalIndexSequenceWhenCreatedThenStepsByOne() {
        // Gaps of 49 between transactions would make tracking processors wait for events that never come.
        assertThat(jdbc.queryForObject(
                "select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void payloadColumnsWhenCreatedThenByteaNotLargeObjects() {
        assertThat(columnType("domain_event_entry", "payload")).isEqualTo("bytea");
        assertThat(columnType("domain_event_entry", "meta_data")).isEqualTo("bytea");
        assertThat(columnType("snapshot_event_entry", "payload")).isEqualTo("bytea");
        assertThat(columnType("token_entry", "token")).isEqualTo("bytea");
    }

    private String columnType(String table, String column) {
        return jdbc.queryForObject("""
                select data_type from information_schema.columns
                 where table_schema = current_schema() and table_name = ? and column_name = ?""",
                String.class, table, column);
    }
}
