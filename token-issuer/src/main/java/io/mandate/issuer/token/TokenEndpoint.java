package io.mandate.issuer.token;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth2/token} (RFC 6749 §3.2). This issue only parses the request: no grant type
 * is implemented yet, so every request ends in an RFC 6749 §5.2 error. Token exchange
 * (RFC 8693) and client credentials plug in here as grant handlers.
 */
@RestController
class TokenEndpoint {

    static final String PATH = "/oauth2/token";

    @PostMapping(PATH)
    ResponseEntity<Object> token(HttpServletRequest request) {
        TokenRequests.singleParameter(request, "grant_type");
        // No grant handler exists yet, so every well-formed request names an unsupported type.
        throw new OAuth2ErrorException(OAuth2Error.unsupportedGrantType(
                "This authorization server does not support the requested grant_type yet"));
    }
}
