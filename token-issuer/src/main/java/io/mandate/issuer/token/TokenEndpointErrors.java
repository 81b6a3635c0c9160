package io.mandate.issuer.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders every failure of the token endpoint as RFC 6749 §5.2 JSON (never a ProblemDetail:
 * OAuth clients parse {@code error}), with {@code Cache-Control: no-store} (§5.1).
 * Ordered first so the service-wide problem handler never sees token endpoint exceptions.
 */
@RestControllerAdvice(assignableTypes = {TokenEndpoint.class, IntrospectionEndpoint.class, RevocationEndpoint.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class TokenEndpointErrors {

    private static final Logger log = LoggerFactory.getLogger(TokenEndpointErrors.class);

    @ExceptionHandler(OAuth2ErrorException.class)
    ResponseEntity<OAuth2Error> oauth2Error(OAuth2ErrorException e) {
        ResponseEntity<OAuth2Error> response = respond(e.status(), e.error());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            // RFC 6749 §5.2: a 401 names the authentication scheme the client may use.
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header("WWW-Authenticate", "Basic realm=\"mandate\"").body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OAuth2Error> unexpected(Exception e) {
        log.error("Token request failed unexpectedly", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, OAuth2Error.serverError());
    }

    private static ResponseEntity<OAuth2Error> respond(HttpStatus status, OAuth2Error error) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .contentType(MediaType.APPLICATION_JSON)
                .body(error);
    }
}
