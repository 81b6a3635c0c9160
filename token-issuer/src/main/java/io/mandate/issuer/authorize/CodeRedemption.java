package io.mandate.issuer.authorize;

import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.exchange.AuthorizationCodeIssuance;
import io.mandate.issuer.exchange.RefusalContext;
import io.mandate.issuer.exchange.TokenResponse;
import io.mandate.issuer.exchange.TokenService;
import io.mandate.issuer.ledger.LedgerUnavailableException;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.token.OAuth2Error;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.issuer.token.TokenRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code grant_type=authorization_code} at {@code POST /oauth2/token} (RFC 6749 §4.1.3, RFC 7636
 * §4.5–4.6, RFC 8707 §2.2). Syntax first (a missing or malformed parameter spends nothing), then
 * the code is spent, then judged: issued to this client, unexpired, the same redirect URI, the
 * PKCE verifier matching the S256 challenge, the same resource. A code presented again is refused
 * and the token its first use was issued is revoked (§4.1.2), and with it, through the
 * {@code lineage} every derived token carries, every token exchanged from it.
 */
public class CodeRedemption {

    public static final String GRANT_TYPE = "authorization_code";
    static final String REUSE_REVOKER = "authorization-server";

    private static final Logger log = LoggerFactory.getLogger(CodeRedemption.class);

    private final AuthorizationCodes codes;
    private final TokenService tokens;
    private final TokenLedger ledger;
    private final Clock clock;

    public CodeRedemption(AuthorizationCodes codes, TokenService tokens, TokenLedger ledger, Clock clock) {
        this.codes = codes;
        this.tokens = tokens;
        this.ledger = ledger;
        this.clock = clock;
    }

    public TokenResponse redeem(HttpServletRequest request, AuthenticatedClient client, RefusalContext context) {
        String code = TokenRequests.singleParameter(request, "code");
        String redirectUri = TokenRequests.singleParameter(request, "redirect_uri");
        String verifier = TokenRequests.optionalParameter(request, "code_verifier").orElseThrow(() -> refused(
                OAuth2Error.invalidRequest("code_verifier is required (PKCE, RFC 7636)"), "missing_code_verifier"));
        if (!Pkce.isVerifier(verifier)) {
            throw refused(OAuth2Error.invalidRequest("code_verifier must be 43 to 128 unreserved characters"),
                    "malformed_code_verifier");
        }
        Optional<String> resource = TokenRequests.target(request);
        AuthorizationCodes.Presented presented = codes.present(code);
        if (presented instanceof AuthorizationCodes.Presented.Reused reused) {
            throw reuse(reused.code(), context);
        }
        if (!(presented instanceof AuthorizationCodes.Presented.Consumed consumed)) {
            throw refused(OAuth2Error.invalidGrant("The authorization code is invalid"), "code_unknown");
        }
        AuthorizationCodes.StoredCode stored = consumed.code();
        context.userId(stored.userId());
        context.grantId(stored.grantId());
        if (!stored.clientId().equals(client.client().clientId())) {
            throw refused(OAuth2Error.invalidGrant("The authorization code was not issued to this client"),
                    "code_client_mismatch");
        }
        if (!clock.instant().isBefore(stored.expiresAt())) {
            throw refused(OAuth2Error.invalidGrant("The authorization code has expired"), "code_expired");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw refused(OAuth2Error.invalidGrant("redirect_uri differs from the authorization request's"),
                    "redirect_uri_mismatch");
        }
        if (!Pkce.matches(verifier, stored.codeChallenge())) {
            throw refused(OAuth2Error.invalidGrant("code_verifier does not match the code challenge"),
                    "code_verifier_mismatch");
        }
        if (resource.isPresent() && !resource.get().equals(stored.resource())) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidTarget(
                    "resource differs from the authorized resource"), "target_not_granted");
        }
        return tokens.authorizationCode(new AuthorizationCodeIssuance(stored.codeId(), stored.grantId(),
                stored.issuedJti(), stored.resource(), stored.scopes()), client, context);
    }

    private OAuth2ErrorException reuse(AuthorizationCodes.StoredCode stored, RefusalContext context) {
        context.userId(stored.userId());
        context.grantId(stored.grantId());
        if (stored.issuedJti() != null) {
            try {
                ledger.revokeToken(stored.issuedJti(), "authorization code reused (RFC 6749 §4.1.2)", REUSE_REVOKER);
            } catch (LedgerUnavailableException e) {
                // Still refuse; the 503 would let the caller retry the stolen code.
                log.warn("Could not revoke the token of a reused authorization code ({}): {}", stored.codeId(),
                        e.getMessage());
            }
        }
        return refused(OAuth2Error.invalidGrant("The authorization code was already used"), "code_reused");
    }

    private static OAuth2ErrorException refused(OAuth2Error error, String reason) {
        return OAuth2ErrorException.refused(error, reason);
    }
}
