package io.mandate.issuer.login.oidc;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.mandate.issuer.login.TestProviders.withClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimMappingTest {

    @Test
    void mapWhenDefaultsThenSubBehindThePrefixAndTheIdAsName() {
        ClaimMapping.MappedUser user = ClaimMapping.map(withClaims(null, null, "corp:"),
                Map.of("sub", "f81d4fae-7dec", "preferred_username", "alice"));

        assertThat(user.userId().value()).isEqualTo("corp:f81d4fae-7dec");
        assertThat(user.displayName()).isEqualTo("corp:f81d4fae-7dec");
    }

    @Test
    void mapWhenConfiguredClaimsThenThatClaimAndTheDisplayName() {
        ClaimMapping.MappedUser user = ClaimMapping.map(withClaims("preferred_username", "name", "kc:"),
                Map.of("sub", "f81d", "preferred_username", "alice", "name", "  Alice Example "));

        assertThat(user.userId().value()).isEqualTo("kc:alice");
        assertThat(user.displayName()).isEqualTo("Alice Example");
    }

    @Test
    void mapWhenNoPrefixThenTheClaimAsIs() {
        assertThat(ClaimMapping.map(withClaims("email", null, ""), Map.of("email", "alice@corp.example"))
                .userId().value()).isEqualTo("alice@corp.example");
    }

    @Test
    void mapWhenTheUserClaimIsMissingBlankOrNotAStringThenNobody() {
        for (Object value : new Object[]{null, "", "   ", 7, List.of("alice"), true}) {
            Map<String, Object> claims = new HashMap<>();
            claims.put("sub", "f81d");
            claims.put("preferred_username", value);
            assertThatThrownBy(() -> ClaimMapping.map(withClaims("preferred_username", null, "kc:"), claims))
                    .as("%s", value).isInstanceOf(ClaimMapping.UnusableClaims.class)
                    .hasMessageContaining("preferred_username");
        }
    }

    @Test
    void mapWhenTheValueIsNoUsableUserIdThenNobodyAndTheValueIsNotEchoed() {
        for (String value : List.of("alice smith", "tab\there", "x".repeat(253))) {
            assertThatThrownBy(() -> ClaimMapping.map(withClaims(null, null, "kc:"), Map.of("sub", value)))
                    .as(value).isInstanceOf(ClaimMapping.UnusableClaims.class)
                    .hasMessageNotContaining(value);
        }
    }

    @Test
    void mapWhenThePrefixedIdFitsExactlyThenAccepted() {
        assertThat(ClaimMapping.map(withClaims(null, null, "kc:"), Map.of("sub", "x".repeat(252))).userId().value())
                .hasSize(255);
    }

    @Test
    void mapWhenTheDisplayNameClaimIsMissingOrNotTextThenTheUserId() {
        assertThat(ClaimMapping.map(withClaims(null, "name", "kc:"), Map.of("sub", "a")).displayName())
                .isEqualTo("kc:a");
        assertThat(ClaimMapping.map(withClaims(null, "name", "kc:"), Map.of("sub", "a", "name", 42)).displayName())
                .isEqualTo("kc:a");
    }

    @Test
    void mapWhenTheDisplayNameIsVeryLongThenCut() {
        assertThat(ClaimMapping.map(withClaims(null, "name", "kc:"), Map.of("sub", "a", "name", "n".repeat(1000)))
                .displayName()).hasSize(ClaimMapping.MAX_DISPLAY_NAME);
    }

    @Test
    void aLocalUserAndAnIdpUserWithTheSameNameWhenMappedThenDifferentIds() {
        assertThat(ClaimMapping.map(withClaims("preferred_username", null, "kc:"),
                Map.of("preferred_username", "alice")).userId().value()).isNotEqualTo("alice");
    }
}
