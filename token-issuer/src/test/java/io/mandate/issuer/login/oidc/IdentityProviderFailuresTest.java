package io.mandate.issuer.login.oidc;

import io.mandate.issuer.login.TestProviders;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static io.mandate.issuer.login.oidc.IdentityProviderFailures.Failure;
import static io.mandate.issuer.login.oidc.IdentityProviderFailures.classify;
import static org.assertj.core.api.Assertions.assertThat;

class IdentityProviderFailuresTest {

    @Test
    void classifyWhenTheProviderSaysAccessDeniedThenCancelled() {
        assertThat(classify(oauth("access_denied"))).isEqualTo(Failure.CANCELLED);
    }

    @Test
    void classifyWhenDiscoveryFailedThenUnavailableEvenWhenWrapped() {
        IdentityProviderUnavailable down = new IdentityProviderUnavailable(TestProviders.aProvider("corp", "c:"),
                "its discovery document could not be read");

        assertThat(classify(new OAuth2AuthenticationException(new OAuth2Error("server_error"), down)))
                .isEqualTo(Failure.UNAVAILABLE);
        assertThat(classify(oauth("invalid_token_response"))).isEqualTo(Failure.UNAVAILABLE);
    }

    @Test
    void classifyWhenTheStateMatchesNoSignInOfThisBrowserThenNotStartedHere() {
        assertThat(classify(oauth("authorization_request_not_found"))).isEqualTo(Failure.NOT_STARTED_HERE);
        assertThat(classify(oauth("invalid_state_parameter"))).isEqualTo(Failure.NOT_STARTED_HERE);
    }

    @Test
    void classifyWhenTheIdTokenOrNonceIsRefusedThenNotVerified() {
        assertThat(classify(oauth("invalid_id_token"))).isEqualTo(Failure.NOT_VERIFIED);
        assertThat(classify(oauth("invalid_nonce"))).isEqualTo(Failure.NOT_VERIFIED);
    }

    @Test
    void classifyWhenNoUsableUserThenNoUser() {
        assertThat(classify(oauth(IdentityProviderUserService.UNUSABLE_USER))).isEqualTo(Failure.NO_USER);
    }

    @Test
    void classifyWhenTheProviderRefusesTheCodeOrAnythingElseThenFailed() {
        assertThat(classify(oauth("invalid_grant"))).isEqualTo(Failure.FAILED);
        assertThat(classify(new BadCredentialsException("x"))).isEqualTo(Failure.FAILED);
    }

    private static OAuth2AuthenticationException oauth(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code));
    }
}
