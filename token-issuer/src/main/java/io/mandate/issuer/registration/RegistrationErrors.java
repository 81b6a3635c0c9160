package io.mandate.issuer.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of the registration endpoints as RFC 7591 §3.2.2 JSON with {@code Cache-Control: no-store};
 * a 401 carries {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 §3). Never a stack trace.
 */
@RestControllerAdvice(assignableTypes = RegistrationEndpoint.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistrationErrors {

    private static final Logger log = LoggerFactory.getLogger(RegistrationErrors.class);

    @ExceptionHandler(RegistrationError.class)
    ResponseEntity<RegistrationError.Body> refused(RegistrationError e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .contentType(MediaType.APPLICATION_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        return response.body(e.body());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<RegistrationError.Body> wrongMediaType(HttpMediaTypeNotSupportedException e) {
        return refused(RegistrationError.invalidMetadata("The request body must be application/json"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<RegistrationError.Body> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new RegistrationError.Body("invalid_request", "Method not allowed here"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<RegistrationError.Body> unexpected(Exception e) {
        log.error("Registration request failed unexpectedly", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new RegistrationError.Body("server_error", "The authorization server could not handle the request"));
    }
}
