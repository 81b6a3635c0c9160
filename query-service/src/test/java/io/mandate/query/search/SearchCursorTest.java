package io.mandate.query.search;

import io.mandate.query.event.EventOutcome;
import io.mandate.query.web.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchCursorTest {

    private static final EventFilters FILTERS = new EventFilters("alice", "agent-1", null, List.of("b", "a", "a"),
            List.of("TokenExchanged"), List.of(EventOutcome.REVOKED, EventOutcome.ISSUED),
            Instant.parse("2026-11-28T10:00:00Z"), null, true);

    @Test
    void decodeWhenEncodedThenSameCursorAndBase64UrlWithoutPadding() {
        SearchCursor cursor = new SearchCursor("pit+/id==", 1_764_324_930_123L, "evt-9", FILTERS);

        String encoded = cursor.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(SearchCursor.decode(encoded)).isEqualTo(cursor);
        assertThat(SearchCursor.decode(encoded).filters().scopes()).containsExactly("a", "b");
    }

    @Test
    void decodeWhenNotBase64ThenInvalidCursor() {
        assertInvalid("not a cursor!");
    }

    @Test
    void decodeWhenBase64OfSomethingElseThenInvalidCursor() {
        assertInvalid(base64("{\"hello\":1}"));
        assertInvalid(base64("[1,2]"));
        assertInvalid(base64("no json"));
        assertInvalid(base64("{\"pit\":\"p\",\"afterOccurredAt\":\"yesterday\",\"afterEventId\":\"e\",\"filters\":{}}"));
        assertInvalid(base64("{\"pit\":\"\",\"afterOccurredAt\":1,\"afterEventId\":\"e\",\"filters\":{}}"));
    }

    @Test
    void decodeWhenFiltersHoldAnUnknownOutcomeThenInvalidCursor() {
        assertInvalid(base64("{\"pit\":\"p\",\"afterOccurredAt\":1,\"afterEventId\":\"e\",\"filters\":{\"outcomes\":[\"maybe\"]}}"));
    }

    @Test
    void decodeWhenHugeThenInvalidCursorWithoutDecoding() {
        assertInvalid("A".repeat(20_000));
    }

    private static void assertInvalid(String value) {
        assertThatThrownBy(() -> SearchCursor.decode(value))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("cursor"));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
