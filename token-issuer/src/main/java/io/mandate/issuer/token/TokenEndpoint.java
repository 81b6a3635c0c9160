package io.mandate.issuer.token;

import io.mandate.issuer.authorize.CodeRedemption;
import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.client.ClientAuthentication;
import io.mandate.issuer.exchange.RefusalContext;
import io.mandate.issuer.exchange.TokenResponse;
import io.mandate.issuer.exchange.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * {@code POST /oauth2/token} (RFC 6749 §3.2): token exchange (RFC 8693), client credentials
 * (RFC 6749 §4.4) and authorization codes with PKCE (RFC 6749 §4.1.3, RFC 7636). Every outcome is an event: the issued token's (recorded by the service before
 * this answers) or the refusal's (recorded here before the error leaves).
 */
@RestController
class TokenEndpoint {

    static final String PATH = "/oauth2/token";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ClientAuthentication authentication;
    private final TokenService tokens;
    private final CodeRedemption codes;

    /** Without the authorization code grant (unit tests of the exchange). */
    TokenEndpoint(ClientAuthentication authentication, TokenService tokens) {
        this(authentication, tokens, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    TokenEndpoint(ClientAuthentication authentication, TokenService tokens, CodeRedemption codes) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.codes = codes;
    }

    @PostMapping(PATH)
    ResponseEntity<TokenResponse> token(HttpServletRequest request) {
        RefusalContext context = new RefusalContext(request.getParameter("grant_type"), request.getParameter("scope"),
                Optional.ofNullable(request.getParameter("audience")).orElse(request.getParameter("resource")));
        try {
            TokenRequests.requireFormPost(request);
            String grantType = TokenRequests.singleParameter(request, "grant_type");
            AuthenticatedClient client = authenticate(request, context);
            TokenResponse response = switch (grantType) {
                case TOKEN_EXCHANGE -> tokens.exchange(exchangeRequest(request), client, context);
                case CLIENT_CREDENTIALS -> tokens.clientCredentials(TokenRequests.scope(request),
                        TokenRequests.target(request), client, context);
                case CodeRedemption.GRANT_TYPE -> {
                    if (codes == null) {
                        throw unsupported();
                    }
                    yield codes.redeem(request, client, context);
                }
                default -> throw unsupported();
            };
            // Content-Type set here, not negotiated: RFC 6749 §5.1 answers JSON whatever Accept says,
            // and a token already recorded must never be lost to a 406 or 500 while writing it.
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                    .contentType(MediaType.APPLICATION_JSON).body(response);
        } catch (OAuth2ErrorException refusal) {
            if (!"ledger_unavailable".equals(refusal.reason())) {
                tokens.recordRefusal(context, refusal);
            }
            throw refusal;
        }
    }

    private static OAuth2ErrorException unsupported() {
        return OAuth2ErrorException.refused(OAuth2Error.unsupportedGrantType("Supported grant types: "
                + TOKEN_EXCHANGE + ", " + CLIENT_CREDENTIALS + ", " + CodeRedemption.GRANT_TYPE), "unsupported_grant_type");
    }

    private AuthenticatedClient authenticate(HttpServletRequest request, RefusalContext context) {
        String header = request.getHeader("Authorization");
        String formClientId = TokenRequests.optionalParameter(request, "client_id").orElse(null);
        context.claimedClient(formClientId != null ? formClientId : ClientAuthentication.claimedClientId(header,
                request.getParameter("client_assertion")));
        AuthenticatedClient client = authentication.authenticate(new ClientAuthentication.Credentials(header,
                formClientId, request.getParameter("client_secret"),
                TokenRequests.optionalParameter(request, "client_assertion_type").orElse(null),
                TokenRequests.optionalParameter(request, "client_assertion").orElse(null)));
        context.authenticatedClient(client.client().clientId());
        return client;
    }

    private static TokenService.ExchangeRequest exchangeRequest(HttpServletRequest request) {
        String subjectToken = TokenRequests.singleParameter(request, "subject_token");
        String subjectTokenType = TokenRequests.singleParameter(request, "subject_token_type");
        Optional<String> actorToken = TokenRequests.optionalParameter(request, "actor_token");
        Optional<String> actorTokenType = TokenRequests.optionalParameter(request, "actor_token_type");
        if (actorToken.isPresent() != actorTokenType.isPresent()) {
            // RFC 8693 §2.1: actor_token_type is REQUIRED with actor_token and MUST NOT appear without it.
            throw OAuth2ErrorException.refused(OAuth2Error.invalidRequest(
                    "actor_token and actor_token_type go together"), "actor_token_type");
        }
        Optional<String> requested = TokenRequests.optionalParameter(request, "requested_token_type");
        if (requested.isPresent() && !requested.get().equals(io.mandate.issuer.exchange.TokenTypes.ACCESS_TOKEN)
                && !requested.get().equals(io.mandate.issuer.exchange.TokenTypes.JWT)) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidRequest(
                    "requested_token_type must be an access token"), "unsupported_requested_token_type");
        }
        return new TokenService.ExchangeRequest(subjectToken, subjectTokenType, actorToken.orElse(null),
                actorTokenType.orElse(null), TokenRequests.scope(request), TokenRequests.target(request));
    }
}
