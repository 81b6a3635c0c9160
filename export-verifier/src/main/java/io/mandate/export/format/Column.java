package io.mandate.export.format;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

/**
 * The members of an export record, in CSV column order. Every record is a JSON object holding
 * some of these members; the CSV form has one column per member, an empty cell meaning "absent"
 * (which is why empty strings are never written: see {@link Kind#STRING}).
 */
public enum Column {
    POSITION("position", Kind.INTEGER),
    EVENT_ID("eventId", Kind.STRING),
    TYPE("type", Kind.STRING),
    REVISION("revision", Kind.INTEGER),
    AGGREGATE_ID("aggregateId", Kind.STRING),
    SEQUENCE("sequence", Kind.INTEGER),
    OCCURRED_AT("occurredAt", Kind.STRING),
    GRANT_ID("grantId", Kind.STRING),
    USER_ID("userId", Kind.STRING),
    AGENT_ID("agentId", Kind.STRING),
    CLIENT_ID("clientId", Kind.STRING),
    AUDIENCE("audience", Kind.STRING),
    SCOPES("scopes", Kind.JSON),
    JTI("jti", Kind.STRING),
    KEY_ID("keyId", Kind.STRING),
    ACTOR("actor", Kind.STRING),
    REASON("reason", Kind.STRING),
    PAYLOAD("payload", Kind.JSON),
    PREV_HASH("prevHash", Kind.STRING),
    HASH("hash", Kind.STRING);

    /** The columns an indexed event contributes (everything but the record's place in the chain). */
    public static final List<Column> EVENT_FIELDS = Arrays.stream(values())
            .filter(column -> column != POSITION && column != PREV_HASH && column != HASH).toList();

    /** How a member is typed in JSON and written in a CSV cell. */
    public enum Kind {
        /** A JSON integer; the cell holds its decimal digits. */
        INTEGER,
        /** A JSON string, never empty (an empty value is left out, so an empty cell means absent). */
        STRING,
        /** A JSON array or object; the cell holds its canonical JSON text. */
        JSON
    }

    private final String member;
    private final Kind kind;

    Column(String member, Kind kind) {
        this.member = member;
        this.kind = kind;
    }

    public String member() {
        return member;
    }

    public Kind kind() {
        return kind;
    }

    /** The CSV header line (without line break). */
    public static String csvHeader() {
        return String.join(",", Arrays.stream(values()).map(Column::member).toList());
    }

    /** Whether {@code value} is one this column keeps (absent, null and empty strings are left out). */
    boolean keeps(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        return !(value.isTextual() && value.textValue().isEmpty());
    }
}
