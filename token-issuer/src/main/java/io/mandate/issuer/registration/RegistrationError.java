package io.mandate.issuer.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpStatus;

/**
 * Ends a registration request with an RFC 7591 §3.2.2 error (or RFC 6750 §3.1 {@code invalid_token} for a
 * bad initial or registration access token). Descriptions are fixed texts or name a metadata field; they
 * never echo a submitted value.
 */
final class RegistrationError extends RuntimeException {

    static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";
    static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";
    static final String INVALID_SOFTWARE_STATEMENT = "invalid_software_statement";
    static final String UNAPPROVED_SOFTWARE_STATEMENT = "unapproved_software_statement";
    static final String INVALID_TOKEN = "invalid_token";

    private final transient Body body;
    private final HttpStatus status;

    private RegistrationError(HttpStatus status, String code, String description) {
        super(code, null, false, false);  // an expected outcome: no stack trace
        this.status = status;
        this.body = new Body(code, description);
    }

    static RegistrationError invalidMetadata(String description) {
        return new RegistrationError(HttpStatus.BAD_REQUEST, INVALID_CLIENT_METADATA, description);
    }

    static RegistrationError invalidRedirectUri(String description) {
        return new RegistrationError(HttpStatus.BAD_REQUEST, INVALID_REDIRECT_URI, description);
    }

    static RegistrationError invalidSoftwareStatement(String description) {
        return new RegistrationError(HttpStatus.BAD_REQUEST, INVALID_SOFTWARE_STATEMENT, description);
    }

    static RegistrationError unapprovedSoftwareStatement(String description) {
        return new RegistrationError(HttpStatus.BAD_REQUEST, UNAPPROVED_SOFTWARE_STATEMENT, description);
    }

    /** RFC 7592 §2 / RFC 6750 §3.1: a missing, unknown or wrong bearer token; never says which. */
    static RegistrationError invalidToken() {
        return new RegistrationError(HttpStatus.UNAUTHORIZED, INVALID_TOKEN,
                "The access token is missing, unknown or not valid for this client");
    }

    /** The command-service or the registration table could not answer: nothing was registered. */
    static RegistrationError unavailable() {
        return new RegistrationError(HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "Registration is unavailable right now; nothing was registered. Try again later");
    }

    Body body() {
        return body;
    }

    HttpStatus status() {
        return status;
    }

    /** The JSON of RFC 7591 §3.2.2. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(@JsonProperty("error") String error, @JsonProperty("error_description") String description) {
    }
}
