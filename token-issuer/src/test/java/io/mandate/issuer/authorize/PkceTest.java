package io.mandate.issuer.authorize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    /** RFC 7636 Appendix B. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void challengeWhenRfc7636AppendixBVerifierThenItsS256Challenge() {
        assertThat(Pkce.challengeOf(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(Pkce.matches(VERIFIER, CHALLENGE)).isTrue();
    }

    @Test
    void matchesWhenVerifierIsTheChallengeItselfThenRefused() {
        // A client using "plain" would send the verifier as challenge: it never matches its own S256.
        assertThat(Pkce.matches(VERIFIER, VERIFIER)).isFalse();
    }

    @Test
    void matchesWhenAnotherVerifierThenRefused() {
        assertThat(Pkce.matches(VERIFIER.substring(1) + "A", CHALLENGE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX", // 42 characters
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk+", "dBjftJeZ4CVP mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\u00e9"})
    void isVerifierWhenOutsideRfc7636SyntaxThenFalse(String verifier) {
        assertThat(Pkce.isVerifier(verifier)).isFalse();
        assertThat(Pkce.matches(verifier, CHALLENGE)).isFalse();
    }

    @Test
    void isVerifierWhen128UnreservedCharactersThenTrueAnd129ThenFalse() {
        assertThat(Pkce.isVerifier("a-._~".repeat(25) + "abc")).isTrue();
        assertThat(Pkce.isVerifier("a".repeat(129))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM", "plain"})
    void isS256ChallengeWhenNotBase64UrlOfSha256ThenFalse(String challenge) {
        assertThat(Pkce.isS256Challenge(challenge)).isFalse();
    }
}
