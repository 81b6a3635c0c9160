package io.mandate.command.grant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AudienceTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com", "https://api.example.com/v1?x=1", "urn:ietf:params:oauth:x",
            "calendar-api", "a", "mcp.example~1"})
    void isValidWhenAbsoluteUriOrClientIdThenTrue(String audience) {
        assertThat(Audience.isValid(audience)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "api/v1", "//api.example.com", "https://api.example.com/#x", "urn:",
            "has space", ".dot-first", "https://exa mple.com"})
    void isValidWhenRelativeOrMalformedThenFalse(String audience) {
        assertThat(Audience.isValid(audience)).isFalse();
    }

    @Test
    void isValidWhenNullOrTooLongThenFalse() {
        assertThat(Audience.isValid(null)).isFalse();
        assertThat(Audience.isValid("https://api.example.com/" + "a".repeat(2048))).isFalse();
    }
}
