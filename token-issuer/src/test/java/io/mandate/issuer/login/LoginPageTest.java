package io.mandate.issuer.login;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import java.util.List;

import static io.mandate.issuer.login.TestProviders.aProvider;
import static org.assertj.core.api.Assertions.assertThat;

class LoginPageTest {

    private static final DefaultCsrfToken CSRF = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t0ken");

    @Test
    void loginWhenOnlyLocalUsersThenThePasswordFormAndNoProviderLinks() {
        String page = new LoginPage(new LoginProperties(true, List.of())).login(new MockHttpServletRequest(), CSRF)
                .getBody();

        assertThat(page).contains("action=\"/login\"", "name=\"password\"", "t0ken").doesNotContain("Sign in with");
    }

    @Test
    void loginWhenProvidersConfiguredThenOneSignInLinkEachBesideThePasswordForm() {
        LoginProperties login = new LoginProperties(true, List.of(aProvider("corp", "corp:"), aProvider("kc", "kc:")));

        String page = new LoginPage(login).login(new MockHttpServletRequest(), CSRF).getBody();

        assertThat(page).contains("name=\"password\"", "<a href=\"/login/idp/corp\">Sign in with corp</a>",
                "<a href=\"/login/idp/kc\">Sign in with kc</a>");
    }

    @Test
    void loginWhenLocalUsersDisabledThenNoPasswordFormOnlyTheProvider() {
        LoginProperties login = new LoginProperties(false, List.of(aProvider("corp", null)));

        String page = new LoginPage(login).login(new MockHttpServletRequest(), CSRF).getBody();

        assertThat(page).doesNotContain("name=\"password\"", "action=\"/login\"")
                .contains("<a href=\"/login/idp/corp\">Sign in with corp</a>");
    }

    @Test
    void loginWhenTheProviderNameHasMarkupThenEscaped() {
        LoginProperties.IdentityProvider provider = new LoginProperties.IdentityProvider("corp", "<b>Corp</b>",
                java.net.URI.create("https://login.example"), "m", "s", null, null, null, "c:", null);

        String page = new LoginPage(new LoginProperties(true, List.of(provider))).login(new MockHttpServletRequest(),
                CSRF).getBody();

        assertThat(page).contains("Sign in with &lt;b&gt;Corp&lt;/b&gt;").doesNotContain("<b>Corp</b>");
    }
}
