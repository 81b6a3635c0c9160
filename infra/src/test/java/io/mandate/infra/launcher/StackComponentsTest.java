package io.mandate.infra.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackComponentsTest {

    private final StackSettings settings = StackSettings.fromEnvironment(Path.of("/tmp/mandate-home"), Map.of());

    @Test
    void demoIdentityProviderEnvironmentWhenNoIssuerConfiguredThenTheDemoIdpIsTrustedIssuerZero() {
        assertThat(StackComponents.demoIdentityProviderEnvironment(settings, Map.of())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_ISSUER", "https://idp.demo.mandate.local",
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_JWKSFILE", "/tmp/mandate-home/demo-idp/jwks.json",
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_AUDIENCES_0", "mandate"));
    }

    @Test
    void demoIdentityProviderEnvironmentWhenTheShellConfiguresAnIssuerThenTheDemoIdpComesAfterIt() {
        Map<String, String> shell = Map.of(
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_ISSUER", "https://login.example.com",
                "MANDATE_ISSUER_TRUSTEDISSUERS_0_JWKSURI", "https://login.example.com/jwks");

        assertThat(StackComponents.demoIdentityProviderEnvironment(settings, shell))
                .containsEntry("MANDATE_ISSUER_TRUSTEDISSUERS_1_ISSUER", "https://idp.demo.mandate.local")
                .doesNotContainKey("MANDATE_ISSUER_TRUSTEDISSUERS_0_ISSUER");
    }
}
