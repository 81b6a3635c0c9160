package io.mandate.issuer.token;

import org.springframework.http.HttpStatus;

/**
 * Ends a token request with an RFC 6749 §5.2 error; thrown by parsing, client authentication and
 * the exchange rules. {@code reason} is Mandate's machine-readable cause, recorded in the
 * {@code TokenExchangeRefused} event (docs/tokens.md lists every reason).
 */
public class OAuth2ErrorException extends RuntimeException {

    private final transient OAuth2Error error;
    private final HttpStatus status;
    private final String reason;

    public OAuth2ErrorException(OAuth2Error error) {
        this(error, HttpStatus.BAD_REQUEST, "invalid_request");
    }

    public OAuth2ErrorException(OAuth2Error error, HttpStatus status) {
        this(error, status, error.code());
    }

    public OAuth2ErrorException(OAuth2Error error, HttpStatus status, String reason) {
        super(error.code(), null, false, false);  // an expected outcome: no stack trace to fill
        this.error = error;
        this.status = status;
        this.reason = reason;
    }

    /** A 400 with the given reason code. */
    public static OAuth2ErrorException refused(OAuth2Error error, String reason) {
        return new OAuth2ErrorException(error, HttpStatus.BAD_REQUEST, reason);
    }

    /** RFC 6749 §5.2: failed client authentication is a 401 (with {@code WWW-Authenticate}, see the advice). */
    public static OAuth2ErrorException invalidClient(String description, String reason) {
        return new OAuth2ErrorException(OAuth2Error.invalidClient(description), HttpStatus.UNAUTHORIZED, reason);
    }

    public OAuth2Error error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
