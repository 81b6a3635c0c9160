package io.mandate.issuer.authorize;

import io.mandate.issuer.IssuerProperties;

import java.util.Map;
import java.util.Optional;

/**
 * Sends an error back to the client of a pending authorization request that ended before consent
 * (e.g. the user cancelled the sign-in at an external identity provider): RFC 6749 §4.1.2.1, with
 * {@code state} and {@code iss}, but only when the request still names an active client and one
 * of its registered redirect URIs (re-validated here: never an open redirector). Otherwise empty,
 * and the caller shows a page.
 */
public class AuthorizationErrorRedirects {

    private final AuthorizationRequests requests;
    private final String issuer;

    public AuthorizationErrorRedirects(AuthorizationRequests requests, IssuerProperties issuer) {
        this.requests = requests;
        this.issuer = issuer.url().toString();
    }

    /** The client's redirect URI with this error, if the authorization request's client and redirect URI are valid. */
    public Optional<String> redirect(Map<String, String[]> authorizationRequest, String error, String description) {
        String redirectUri;
        String state;
        try {
            AuthorizationRequest request = requests.validate(authorizationRequest);
            redirectUri = request.redirectUri();
            state = request.state();
        } catch (AuthorizationFailure failure) {
            if (failure.redirectUri() == null) {
                return Optional.empty();
            }
            redirectUri = failure.redirectUri();
            state = failure.state();
        }
        return Optional.of(AuthorizationResponses.error(redirectUri, error, description, state, issuer));
    }
}
