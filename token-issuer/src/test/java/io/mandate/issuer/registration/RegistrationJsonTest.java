package io.mandate.issuer.registration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationJsonTest {

    private static void assertInvalidMetadata(String contentType, String body) {
        assertThatThrownBy(() -> RegistrationJson.parseObject(contentType, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(RegistrationError.class,
                        e -> assertThat(e.body().error()).isEqualTo("invalid_client_metadata"));
    }

    @Test
    void parseWhenAMemberRepeatsThenRefused() {
        assertInvalidMetadata("application/json",
                "{\"redirect_uris\":[\"https://good.example/cb\"],\"redirect_uris\":[\"https://evil.example/cb\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{oops", "[]", "\"string\"", "null", "{} {}", "{\"a\":NaN}", ""})
    void parseWhenNotExactlyOneJsonObjectThenRefused(String body) {
        assertInvalidMetadata("application/json", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "application/json; charset=ISO-8859-1",
            "application/json; charset=not-a-charset", "no/good/type"})
    void parseWhenNotUtf8JsonThenRefused(String contentType) {
        assertInvalidMetadata(contentType, "{}");
    }

    @Test
    void parseWhenNoContentTypeThenRefused() {
        assertInvalidMetadata(null, "{}");
    }

    @Test
    void parseWhenDeeplyNestedThenRefused() {
        assertInvalidMetadata("application/json", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}");
    }

    @Test
    void parseWhenUtf8JsonObjectThenParsed() {
        assertThat(RegistrationJson.parseObject("application/json; charset=utf-8",
                "{\"client_name\":\"Agent é\"}".getBytes(StandardCharsets.UTF_8)).get("client_name").asText())
                .isEqualTo("Agent é");
    }

    @Test
    void readBodyWhenLargerThanTheLimitThenRefusedAfterReadingOneByteMore() {
        ByteArrayInputStream huge = new ByteArrayInputStream(new byte[1_000_000]);

        assertThatThrownBy(() -> RegistrationJson.readBody(huge, 1024)).isInstanceOf(RegistrationError.class);
        assertThat(huge.available()).isEqualTo(1_000_000 - 1025);
    }
}
