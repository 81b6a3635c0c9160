package io.mandate.issuer.token;

import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.client.ClientAuthentication;
import io.mandate.issuer.exchange.MandateToken;
import io.mandate.issuer.exchange.SubjectTokens;
import io.mandate.issuer.ledger.LedgerUnavailableException;
import io.mandate.issuer.ledger.TokenLedger;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * {@code POST /oauth2/revoke} (RFC 7009). The holder of a token revokes it, and with it every
 * token exchanged from it (each carries its lineage). The {@code TokenRevoked} event is committed
 * under the revocation fence before the 200 leaves, so from then on no exchange from the token
 * succeeds anywhere and introspection reports the whole lineage inactive. A token that is not
 * Mandate's, or no longer valid, is answered 200 as §2.2 requires; another client's token is
 * refused with {@code unauthorized_client}.
 */
@RestController
class RevocationEndpoint {

    static final String PATH = "/oauth2/revoke";

    private final ClientAuthentication authentication;
    private final SubjectTokens tokens;
    private final TokenLedger ledger;

    RevocationEndpoint(ClientAuthentication authentication, SubjectTokens tokens, TokenLedger ledger) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.ledger = ledger;
    }

    @PostMapping(PATH)
    ResponseEntity<Void> revoke(HttpServletRequest request) {
        TokenRequests.requireFormPost(request);
        AuthenticatedClient caller = authentication.authenticate(EndpointCredentials.of(request));
        String token = TokenRequests.singleParameter(request, "token");
        TokenRequests.optionalParameter(request, "token_type_hint");
        Optional<MandateToken> verified = tokens.tryVerifyMandate(token);
        if (verified.isPresent()) {
            MandateToken found = verified.get();
            if (!found.holder().equals(caller.client().clientId())) {
                throw OAuth2ErrorException.refused(OAuth2Error.unauthorizedClient(
                        "A client may revoke only the tokens it holds"), "revoke_not_holder");
            }
            try {
                ledger.revokeToken(found.jti(), "revoked by its holder (RFC 7009)", "client:" + found.holder().value());
            } catch (LedgerUnavailableException e) {
                throw new OAuth2ErrorException(OAuth2Error.temporarilyUnavailable("Revocation is unavailable; retry"),
                        HttpStatus.SERVICE_UNAVAILABLE, "ledger_unavailable");
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }
}
