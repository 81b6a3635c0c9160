package io.mandate.issuer.token;

import org.springframework.http.HttpStatus;

/** Ends a token request with an RFC 6749 §5.2 error; thrown by parsing and by grant handlers. */
public class OAuth2ErrorException extends RuntimeException {

    private final transient OAuth2Error error;
    private final HttpStatus status;

    public OAuth2ErrorException(OAuth2Error error) {
        this(error, HttpStatus.BAD_REQUEST);
    }

    public OAuth2ErrorException(OAuth2Error error, HttpStatus status) {
        super(error.code(), null, false, false);  // an expected outcome: no stack trace to fill
        this.error = error;
        this.status = status;
    }

    public OAuth2Error error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }
}
