package io.mandate.issuer.login;

import io.mandate.issuer.login.LoginProperties.IdentityProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static io.mandate.issuer.login.TestProviders.aProvider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginPropertiesTest {

    @Test
    void defaultsWhenNothingConfiguredThenLocalUsersOnly() {
        LoginProperties login = new LoginProperties(null, null);

        assertThat(login.localUsers()).isTrue();
        assertThat(login.identityProviders()).isEmpty();
    }

    @Test
    void providerWhenOnlyRequiredFieldsThenOpenidProfileRs256Es256Ps256AndSub() {
        IdentityProvider provider = aProvider("corp", "corp:");

        assertThat(provider.name()).isEqualTo("corp");
        assertThat(provider.scopes()).containsExactly("openid", "profile");
        assertThat(provider.algorithms()).containsExactly("RS256", "ES256", "PS256");
        assertThat(provider.userClaim()).isEqualTo("sub");
        assertThat(provider.displayNameClaim()).isNull();
        assertThat(provider.signInPath()).isEqualTo("/login/idp/corp");
        assertThat(provider.callbackPath()).isEqualTo("/login/oauth2/code/corp");
    }

    @Test
    void providerWhenScopesLackOpenidThenOpenidAddedFirst() {
        IdentityProvider provider = new IdentityProvider("corp", null, URI.create("https://login.example"), "m", "s",
                List.of("email"), null, null, "c:", null);

        assertThat(provider.scopes()).containsExactly("openid", "email");
    }

    @Test
    void providerWhenAlgorithmIsNoneOrHmacOrUnknownThenRefused() {
        for (String algorithm : List.of("none", "HS256", "hs512", "EdDSA-ish")) {
            assertThatThrownBy(() -> new IdentityProvider("corp", null, URI.create("https://login.example"), "m", "s",
                    null, null, null, "c:", List.of(algorithm)))
                    .as(algorithm).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("algorithm");
        }
    }

    @Test
    void providerWhenAlgorithmsGivenInLowerCaseThenNormalised() {
        IdentityProvider provider = new IdentityProvider("corp", null, URI.create("https://login.example"), "m", "s",
                null, null, null, "c:", List.of("es256", " RS256 "));

        assertThat(provider.algorithms()).containsExactly("ES256", "RS256");
    }

    @Test
    void providerWhenIssuerIsPlainHttpOnAPublicHostThenRefusedButLoopbackAllowed() {
        assertThatThrownBy(() -> new IdentityProvider("corp", null, URI.create("http://login.example"), "m", "s", null,
                null, null, "c:", null)).hasMessageContaining("https");
        assertThatThrownBy(() -> new IdentityProvider("corp", null, URI.create("http://10.0.0.7/realms/x"), "m", "s",
                null, null, null, "c:", null)).hasMessageContaining("https");

        assertThat(new IdentityProvider("corp", null, URI.create("http://127.0.0.1:8080/realms/x"), "m", "s", null,
                null, null, "c:", null).issuer().getPort()).isEqualTo(8080);
        assertThat(new IdentityProvider("corp", null, URI.create("http://localhost:8080/realms/x"), "m", "s", null,
                null, null, "c:", null).issuer().getHost()).isEqualTo("localhost");
    }

    @Test
    void providerWhenIssuerHasAQueryOrIsRelativeThenRefused() {
        assertThatThrownBy(() -> new IdentityProvider("corp", null, URI.create("https://login.example/?a=b"), "m", "s",
                null, null, null, "c:", null)).hasMessageContaining("issuer");
        assertThatThrownBy(() -> new IdentityProvider("corp", null, URI.create("/realms/x"), "m", "s",
                null, null, null, "c:", null)).hasMessageContaining("issuer");
        assertThatThrownBy(() -> new IdentityProvider("corp", null, null, "m", "s",
                null, null, null, "c:", null)).hasMessageContaining("issuer");
    }

    @Test
    void providerWhenIdNotAPathSegmentOrClientMissingThenRefused() {
        assertThatThrownBy(() -> aProvider("Corp/../x", "c:")).hasMessageContaining("id");
        assertThatThrownBy(() -> new IdentityProvider("corp", null, URI.create("https://login.example"), null, "s",
                null, null, null, "c:", null)).hasMessageContaining("client-id");
        assertThatThrownBy(() -> new IdentityProvider("corp", null, URI.create("https://login.example"), "m", " ",
                null, null, null, "c:", null)).hasMessageContaining("client-secret");
    }

    @Test
    void providerWhenToStringThenTheSecretIsHidden() {
        assertThat(aProvider("corp", "c:").toString()).doesNotContain("s3cret").contains("clientSecret hidden");
    }

    @Test
    void loginWhenLocalUsersAndAProviderWithoutPrefixThenRefused() {
        assertThatThrownBy(() -> new LoginProperties(true, List.of(aProvider("corp", ""))))
                .hasMessageContaining("needs a user-prefix");
    }

    @Test
    void loginWhenTheOnlyWayToSignInIsOneProviderThenNoPrefixNeeded() {
        LoginProperties login = new LoginProperties(false, List.of(aProvider("corp", null)));

        assertThat(login.identityProviders().get(0).userPrefix()).isEmpty();
    }

    @Test
    void loginWhenTwoProvidersWithoutPrefixesOrWithTheSameOrNestedPrefixThenRefused() {
        assertThatThrownBy(() -> new LoginProperties(false, List.of(aProvider("a", ""), aProvider("b", ""))))
                .hasMessageContaining("needs a user-prefix");
        assertThatThrownBy(() -> new LoginProperties(true, List.of(aProvider("a", "x:"), aProvider("b", "x:"))))
                .hasMessageContaining("used by another provider");
        assertThatThrownBy(() -> new LoginProperties(true, List.of(aProvider("a", "kc"), aProvider("b", "kc2:"))))
                .hasMessageContaining("starts with");
    }

    @Test
    void loginWhenTheSameIdTwiceThenRefused() {
        assertThatThrownBy(() -> new LoginProperties(true, List.of(aProvider("a", "x:"), aProvider("a", "y:"))))
                .hasMessageContaining("used twice");
    }

    @Test
    void loginWhenLocalUsersOffAndNoProviderThenRefused() {
        assertThatThrownBy(() -> new LoginProperties(false, List.of())).hasMessageContaining("nobody could sign in");
    }

    @Test
    void namespaceWhenALocalUserIdStartsWithAProvidersPrefixThenItIsTheProviders() {
        LoginProperties login = new LoginProperties(true, List.of(aProvider("kc", "kc:")));

        assertThat(login.isProviderNamespace("kc:alice")).isTrue();
        assertThat(login.isProviderNamespace("alice")).isFalse();
        assertThat(login.isProviderNamespace("kcalice")).isFalse();
    }
}
