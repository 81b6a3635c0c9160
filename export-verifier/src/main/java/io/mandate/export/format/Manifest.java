package io.mandate.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What the signed manifest at the end of an export states: which events were asked for (range,
 * filters), by whom and when, and what came out (count, genesis, first and last hash).
 *
 * @param exportId   unique per export; part of the genesis, so records cannot move between exports
 * @param issuer     the service that wrote the export
 * @param exporter   the authenticated principal who asked for it
 * @param format     {@code ndjson} or {@code csv}
 * @param from       start of the range, inclusive (ISO-8601 instant)
 * @param to         end of the range, exclusive (ISO-8601 instant)
 * @param filters    the filters applied, as given (an empty object when none)
 * @param exportedAt when the export's snapshot of the index was taken: events indexed later are not in it
 * @param completedAt when the last record was written
 * @param firstHash  the first record's hash, null when the export is empty
 * @param lastHash   the last record's hash; the genesis when the export is empty
 */
public record Manifest(String exportId, String issuer, String exporter, String format, String from, String to,
                       ObjectNode filters, String exportedAt, String completedAt, String genesis, long count,
                       String firstHash, String lastHash) {

    public static final int VERSION = 1;
    /** The record order of every export (see docs/export.md, "Event order"). */
    public static final List<String> ORDER = List.of("occurredAt", "aggregateId", "sequence", "eventId");

    /** The object the genesis is computed from: {@code {exportId, range:{from,to}, filters}}. */
    public ObjectNode parameters() {
        return parameters(exportId, from, to, filters);
    }

    public static ObjectNode parameters(String exportId, String from, String to, ObjectNode filters) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("exportId", exportId);
        parameters.putObject("range").put("from", from).put("to", to);
        parameters.set("filters", filters.deepCopy());
        return parameters;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("version", VERSION);
        json.put("exportId", exportId);
        json.put("issuer", issuer);
        json.put("exporter", exporter);
        json.put("format", format);
        json.putObject("range").put("from", from).put("to", to);
        json.set("filters", filters.deepCopy());
        ORDER.forEach(json.putArray("order")::add);
        json.put("canonicalization", HashChain.CANONICALIZATION);
        json.put("hashAlgorithm", HashChain.HASH_ALGORITHM);
        json.put("exportedAt", exportedAt);
        json.put("completedAt", completedAt);
        json.put("genesis", genesis);
        json.put("count", count);
        if (firstHash != null) {
            json.put("firstHash", firstHash);
        }
        json.put("lastHash", lastHash);
        return json;
    }

    /**
     * Reads a manifest's claims.
     *
     * @throws IllegalArgumentException naming the first missing or unexpected member
     */
    public static Manifest fromJson(JsonNode json) {
        if (json.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("unsupported manifest version " + json.path("version"));
        }
        if (!HashChain.CANONICALIZATION.equals(json.path("canonicalization").asText())
                || !HashChain.HASH_ALGORITHM.equals(json.path("hashAlgorithm").asText())) {
            throw new IllegalArgumentException("unsupported canonicalization or hash algorithm");
        }
        JsonNode filters = json.path("filters");
        if (!filters.isObject()) {
            throw new IllegalArgumentException("manifest has no filters object");
        }
        JsonNode count = json.path("count");
        if (!count.canConvertToLong() || !count.isIntegralNumber() || count.asLong() < 0) {
            throw new IllegalArgumentException("manifest has no valid count");
        }
        return new Manifest(text(json, "exportId"), text(json, "issuer"), text(json, "exporter"),
                text(json, "format"), text(json.path("range"), "from"), text(json.path("range"), "to"),
                (ObjectNode) filters, text(json, "exportedAt"), text(json, "completedAt"), hash(json, "genesis"),
                count.asLong(), count.asLong() == 0 ? null : hash(json, "firstHash"), hash(json, "lastHash"));
    }

    private static String text(JsonNode json, String member) {
        JsonNode value = json.path(member);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalArgumentException("manifest has no " + member);
        }
        return value.textValue();
    }

    private static String hash(JsonNode json, String member) {
        String value = text(json, member);
        if (!Sha256.isHash(value)) {
            throw new IllegalArgumentException("manifest's " + member + " is not a SHA-256 hex value");
        }
        return value;
    }
}
