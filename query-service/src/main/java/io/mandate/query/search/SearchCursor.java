package io.mandate.query.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.wire.EventCodec;
import io.mandate.query.web.InvalidParameterException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where the next page of an event search starts: the point in time (PIT) the search reads, the sort
 * values of the last event returned ({@code occurredAt} in epoch milliseconds, then {@code eventId}),
 * and the filters it was made for, so the next call needs the cursor alone. Travels as base64url JSON
 * without padding: opaque to callers, but nothing in it is secret (every reader of the API may run
 * any search), so it is not signed; whatever a caller changes in it is validated like a parameter.
 *
 * @param pit              the Elasticsearch point-in-time id
 * @param afterOccurredAt  sort value 1 of the last event returned
 * @param afterEventId     sort value 2 (the unique tie-breaker) of the last event returned
 * @param filters          the search's filters
 */
record SearchCursor(@JsonProperty("pit") String pit,
                    @JsonProperty("afterOccurredAt") long afterOccurredAt,
                    @JsonProperty("afterEventId") String afterEventId,
                    @JsonProperty("filters") EventFilters filters) {

    static final String PARAMETER = "cursor";
    /** Far above a real cursor (a PIT id is a few hundred characters): bounds the work of decoding junk. */
    private static final int MAX_LENGTH = 16_384;
    private static final ObjectMapper JSON = EventCodec.newObjectMapper();

    SearchCursor {
        Objects.requireNonNull(pit, "pit");
        Objects.requireNonNull(afterEventId, "afterEventId");
        Objects.requireNonNull(filters, "filters");
    }

    String encode() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws InvalidParameterException naming {@code cursor} when it is not one this API made */
    static SearchCursor decode(String value) {
        if (value.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            JsonNode tree = JSON.readTree(Base64.getUrlDecoder().decode(value));
            if (tree == null || !tree.path("pit").isTextual() || tree.path("pit").asText().isBlank()
                    || !tree.path("afterOccurredAt").canConvertToExactIntegral()
                    || !tree.path("afterEventId").isTextual() || !tree.path("filters").isObject()) {
                throw invalid();
            }
            return JSON.treeToValue(tree, SearchCursor.class);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: not base64url, or a value the filters refuse.
            throw invalid();
        }
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException(PARAMETER, "is not a cursor returned by this search; start again without it");
    }
}
