package io.mandate.issuer.authorize;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationResponsesTest {

    private static final String ISSUER = "http://127.0.0.1:8082";

    @Test
    void successWhenStateGivenThenCodeStateAndIssInTheQuery() {
        UriComponents uri = parse(AuthorizationResponses.success("https://agent.example/cb", "c0de", "xyz", ISSUER));

        assertThat(uri.getHost()).isEqualTo("agent.example");
        assertThat(uri.getPath()).isEqualTo("/cb");
        assertThat(param(uri, "code")).isEqualTo("c0de");
        assertThat(param(uri, "state")).isEqualTo("xyz");
        assertThat(param(uri, "iss")).isEqualTo(ISSUER);
    }

    @Test
    void successWhenNoStateThenNoStateParameter() {
        UriComponents uri = parse(AuthorizationResponses.success("https://agent.example/cb", "c0de", null, ISSUER));

        assertThat(uri.getQueryParams()).doesNotContainKey("state");
    }

    @Test
    void errorWhenRedirectUriHasAQueryThenParametersAppendedAndStateEchoedExactly() {
        String state = "a b&c=d+e/é";
        UriComponents uri = parse(AuthorizationResponses.error("https://agent.example/cb?tenant=1", "access_denied",
                "The user denied the request", state, ISSUER));

        assertThat(param(uri, "tenant")).isEqualTo("1");
        assertThat(param(uri, "error")).isEqualTo("access_denied");
        assertThat(param(uri, "error_description")).isEqualTo("The user denied the request");
        assertThat(param(uri, "state")).isEqualTo(state);
        assertThat(param(uri, "iss")).isEqualTo(ISSUER);
    }

    private static UriComponents parse(String location) {
        return UriComponentsBuilder.fromUriString(location).build();
    }

    /** As a client decodes a query parameter (application/x-www-form-urlencoded). */
    private static String param(UriComponents uri, String name) {
        String raw = uri.getQueryParams().getFirst(name);
        return raw == null ? null : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
