package io.mandate.query.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.export.format.ExportFormat;
import io.mandate.messages.wire.EventCatalog;
import io.mandate.query.web.InvalidParameterException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static io.mandate.query.web.FilterParameters.blankToNull;

/**
 * A validated export request: the range {@code [from, to)} of {@code occurredAt}, the format, and
 * the filters, each optional: {@code user} (userId), {@code client} (the client involved: clientId
 * or agentId), {@code type} (event types, comma-separated or repeated), {@code grantId}.
 */
record ExportRequest(Instant from, Instant to, ExportFormat format, String user, String client, List<String> types,
                     String grantId) {

    ExportRequest {
        types = List.copyOf(types);
    }

    /** Syntax only, at the HTTP edge: every malformed parameter is a 400 naming it. */
    static ExportRequest parse(String from, String to, String format, String user, String client, List<String> type,
                               String grantId) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw new InvalidParameterException("to", "must be after 'from' (the range is [from, to))");
        }
        String formatValue = blankToNull(format) == null ? ExportFormat.NDJSON.parameterValue() : format;
        ExportFormat exportFormat = ExportFormat.fromParameter(formatValue).orElseThrow(
                () -> new InvalidParameterException("format", "must be ndjson or csv"));
        TreeSet<String> types = new TreeSet<>();
        for (String value : type == null ? List.<String>of() : type) {
            Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(name -> {
                if (EventCatalog.byName(name).isEmpty()) {
                    throw new InvalidParameterException("type", "names an unknown event type '" + name
                            + "' (see docs/events.md)");
                }
                types.add(name);
            });
        }
        return new ExportRequest(start, end, exportFormat, blankToNull(user), blankToNull(client),
                List.copyOf(types), blankToNull(grantId));
    }

    /**
     * The filters as the manifest states them (and the genesis covers): only those given, types sorted,
     * so the same request always yields the same object.
     */
    ObjectNode filtersJson() {
        ObjectNode filters = JsonNodeFactory.instance.objectNode();
        if (user != null) {
            filters.put("user", user);
        }
        if (client != null) {
            filters.put("client", client);
        }
        if (!types.isEmpty()) {
            types.forEach(filters.putArray("type")::add);
        }
        if (grantId != null) {
            filters.put("grantId", grantId);
        }
        return filters;
    }

    private static Instant instant(String parameter, String value) {
        if (blankToNull(value) == null) {
            throw new InvalidParameterException(parameter, "is required: an ISO-8601 instant such as "
                    + "2026-11-01T00:00:00Z, or a date (midnight UTC)");
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnOffsetDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidParameterException(parameter, "is not an ISO-8601 instant (such as "
                        + "2026-11-01T00:00:00Z or 2026-11-01T01:00:00+01:00) or date (2026-11-01)");
            }
        }
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ") " + format.parameterValue() + " " + filtersJson();
    }
}
