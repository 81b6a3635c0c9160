package io.mandate.issuer.authorize;

/**
 * A refused authorization request. With a {@code redirectUri} (the client and its redirect URI
 * were valid) the error goes back to the client (RFC 6749 §4.1.2.1); without one it is shown to
 * the user only, never redirected to an unverified address.
 */
class AuthorizationFailure extends RuntimeException {

    private final String error;
    private final String description;
    private final String redirectUri;
    private final String state;

    private AuthorizationFailure(String error, String description, String redirectUri, String state) {
        super(error, null, false, false);
        this.error = error;
        this.description = description;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    static AuthorizationFailure page(String description) {
        return new AuthorizationFailure("invalid_request", description, null, null);
    }

    static AuthorizationFailure redirect(String error, String description, String redirectUri, String state) {
        return new AuthorizationFailure(error, description, redirectUri, state);
    }

    String error() {
        return error;
    }

    String description() {
        return description;
    }

    /** Null when the error must not be redirected. */
    String redirectUri() {
        return redirectUri;
    }

    String state() {
        return state;
    }
}
