package io.mandate.issuer.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.messages.MandateEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every response of the token endpoint must look like, success or error (RFC 6749 §5.1, §5.2). */
final class OAuthResponses {

    /** The only members an RFC 6749 §5.2 error body has: nothing about the server's insides. */
    static final Set<String> ERROR_MEMBERS = Set.of("error", "error_description", "error_uri");

    /** The status each error code may come with (RFC 6749 §5.2; 503 for temporarily_unavailable). */
    static final Map<String, Integer> ERROR_STATUS = Map.of(
            "invalid_request", 400,
            "invalid_client", 401,
            "invalid_grant", 400,
            "unauthorized_client", 400,
            "unsupported_grant_type", 400,
            "invalid_scope", 400,
            "invalid_target", 400,
            "temporarily_unavailable", 503);

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthResponses() {
    }

    static JsonNode body(MockHttpServletResponse response) {
        try {
            return JSON.readTree(response.getContentAsString());
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + safeContent(response), e);
        }
    }

    /**
     * An RFC 6749 §5.2 error with the given status and code: JSON, {@code no-store}, only the
     * three error members (no trace, exception, status or path), a 401 with a challenge.
     */
    static JsonNode assertError(MockHttpServletResponse response, int status, String error) {
        assertThat(response.getStatus()).as("status of %s", safeContent(response)).isEqualTo(status);
        JsonNode body = assertErrorShape(response);
        assertThat(body.get("error").asText()).as("error code").isEqualTo(error);
        return body;
    }

    /** Any allowed RFC 6749 error, its status matching its code; never a 500. */
    static JsonNode assertErrorShape(MockHttpServletResponse response) {
        assertThat(response.getContentType()).as("content type").isNotNull();
        assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON))
                .as("JSON content type").isTrue();
        assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        JsonNode body = body(response);
        List<String> members = new ArrayList<>();
        body.fieldNames().forEachRemaining(members::add);
        assertThat(members).as("error body members").contains("error").isSubsetOf(ERROR_MEMBERS);
        assertThat(body.get("error").asText()).as("error code").isIn(ERROR_STATUS.keySet());
        assertThat(response.getStatus()).as("status of " + body.get("error").asText())
                .isEqualTo(ERROR_STATUS.get(body.get("error").asText()));
        if (body.has("error_description")) {
            assertThat(body.get("error_description").asText()).doesNotContain("Exception", "\tat ", "io.mandate");
        }
        if (response.getStatus() == 401) {
            assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).as("RFC 6749 §5.2 challenge")
                    .startsWith("Basic");
        }
        return body;
    }

    /** The events the ledger recorded since it held {@code before} entries. */
    static List<MandateEvent> appendedSince(ExchangeFixture world, int before) {
        List<MandateEvent> events = world.ledger.events();
        return List.copyOf(events.subList(before, events.size()));
    }

    private static String safeContent(MockHttpServletResponse response) {
        try {
            return response.getContentAsString();
        } catch (IOException e) {
            return "<unreadable>";
        }
    }
}
