package io.mandate.issuer.token;

import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.client.ClientAuthentication;
import io.mandate.issuer.exchange.MandateToken;
import io.mandate.issuer.exchange.SubjectTokens;
import io.mandate.issuer.exchange.TokenStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth2/introspect} (RFC 7662). The caller authenticates as a client and learns
 * about a token only if it holds it or serves its audience; otherwise, and for any token that is
 * not Mandate's, expired or revoked, the answer is {@code {"active": false}} (§2.2). Revocation
 * shows at once: the answer is checked against the event store, not only the projection.
 */
@RestController
class IntrospectionEndpoint {

    static final String PATH = "/oauth2/introspect";

    private final ClientAuthentication authentication;
    private final SubjectTokens tokens;
    private final TokenStatus status;

    IntrospectionEndpoint(ClientAuthentication authentication, SubjectTokens tokens, TokenStatus status) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.status = status;
    }

    @PostMapping(PATH)
    ResponseEntity<Map<String, Object>> introspect(HttpServletRequest request) {
        TokenRequests.requireFormPost(request);
        AuthenticatedClient caller = authentication.authenticate(EndpointCredentials.of(request));
        String token = TokenRequests.singleParameter(request, "token");
        TokenRequests.optionalParameter(request, "token_type_hint");
        Optional<MandateToken> verified = tokens.tryVerifyMandate(token)
                .filter(found -> status.mayInspect(caller.client(), found))
                .filter(status::isActive);
        Map<String, Object> body = verified.map(status::introspection).orElse(Map.of("active", false));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
