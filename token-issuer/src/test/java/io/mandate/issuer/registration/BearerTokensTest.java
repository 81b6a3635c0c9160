package io.mandate.issuer.registration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokensTest {

    @Test
    void generateWhenCalledTwiceThenDifferent256BitTokens() {
        String first = BearerTokens.generate();

        assertThat(first).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(BearerTokens.generate());
    }

    @Test
    void hashWhenComputedThenSha256Base64UrlAndNeverTheToken() {
        // SHA-256("abc") = ba7816bf..., base64url without padding:
        assertThat(BearerTokens.hash("abc")).isEqualTo("sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void matchesWhenSameTokenThenTrueOtherwiseFalse() {
        String token = BearerTokens.generate();
        String hash = BearerTokens.hash(token);

        assertThat(BearerTokens.matches(token, hash)).isTrue();
        assertThat(BearerTokens.matches(token + "x", hash)).isFalse();
        assertThat(BearerTokens.matches(null, hash)).isFalse();
        assertThat(BearerTokens.matchesAny(token, List.of(BearerTokens.hash("other"), hash))).isTrue();
        assertThat(BearerTokens.matchesAny(token, List.of())).isFalse();
    }

    @Test
    void fromAuthorizationWhenBearerThenTokenOtherwiseNull() {
        assertThat(BearerTokens.fromAuthorization("Bearer abc-DEF_123")).isEqualTo("abc-DEF_123");
        assertThat(BearerTokens.fromAuthorization("bearer abc")).isEqualTo("abc");
        assertThat(BearerTokens.fromAuthorization("Basic YWJjOmRlZg==")).isNull();
        assertThat(BearerTokens.fromAuthorization("Bearer ")).isNull();
        assertThat(BearerTokens.fromAuthorization("Bearer a b")).isNull();
        assertThat(BearerTokens.fromAuthorization("Bearer " + "a".repeat(600))).isNull();
        assertThat(BearerTokens.fromAuthorization(null)).isNull();
    }
}
