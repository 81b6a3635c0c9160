package io.mandate.issuer.exchange;

import io.mandate.issuer.ledger.ActorSince;
import io.mandate.issuer.ledger.AuthorityCheck;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.GrantView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.projection.Revocation;
import io.mandate.issuer.revocation.RevocationState;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an issued token still holds, for introspection (RFC 7662): first from the projection
 * (fast, and it already knows most revocations), then from the event store through the ledger,
 * so a revocation acknowledged a millisecond ago is reflected even before Kafka delivered it.
 */
public class TokenStatus {

    private final RevocationState revocations;
    private final IssuerProjection projection;
    private final TokenLedger ledger;
    private final String issuer;
    private final Clock clock;

    public TokenStatus(RevocationState revocations, IssuerProjection projection, TokenLedger ledger, String issuer,
                       Clock clock) {
        this.revocations = revocations;
        this.projection = projection;
        this.ledger = ledger;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** RFC 7662 §4: only the holder and the audience's resource server learn about a token. */
    public boolean mayInspect(ClientView caller, MandateToken token) {
        return caller.clientId().equals(token.holder()) || caller.clientId().value().equals(token.audience())
                || caller.resourceUris().contains(token.audience());
    }

    public boolean isActive(MandateToken token) {
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt())) {
            return false;
        }
        if (token.isDelegated()) {
            if (revocations.check(token.facts(), now).isRevoked()) {
                return false;
            }
            GrantView grant = projection.findGrant(token.grantId()).orElseThrow();
            return ledger.check(authorityCheck(token, grant)).isEmpty();
        }
        return clientTokenActive(token);
    }

    private boolean clientTokenActive(MandateToken token) {
        Optional<ClientView> client = projection.findClient(token.holder());
        Optional<Revocation> watermark = projection.clientWatermark(token.holder());
        return client.map(ClientView::isActive).orElse(false)
                && watermark.map(mark -> !mark.covers(token.issuedAt())).orElse(true)
                && projection.tokenRevocation(token.jti()).isEmpty();
    }

    /** The token as it stands: every actor against its watermark since the token's iat, its own jti and every ancestor. */
    static AuthorityCheck authorityCheck(MandateToken token, GrantView grant) {
        List<ActorSince> actors = new ArrayList<>();
        for (ClientId actor : token.actorChain()) {
            actors.add(new ActorSince(actor, actor.equals(grant.agentId()) ? grant.createdAt() : token.issuedAt()));
        }
        List<Jti> jtis = new ArrayList<>(token.lineage());
        jtis.add(token.jti());
        return new AuthorityCheck(grant.grantId(), grant.createdAt(), grant.userId(), grant.agentId(), actors, jtis);
    }

    /** The RFC 7662 §2.2 response of an active token, with its actor chain, root grant and lineage. */
    public Map<String, Object> introspection(MandateToken token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("iss", issuer);
        body.put("sub", token.isDelegated() ? token.userId().value() : token.holder().value());
        body.put("aud", token.audience());
        body.put("client_id", token.holder().value());
        body.put("scope", token.scopes().toString());
        body.put("token_type", "Bearer");
        body.put("iat", token.issuedAt().getEpochSecond());
        body.put("exp", token.expiresAt().getEpochSecond());
        body.put("jti", token.jti().value());
        if (token.isDelegated()) {
            body.put(MandateClaims.ACT, MandateClaims.act(token.actorChain()));
            if (token.mayAct() != null) {
                body.put(MandateClaims.MAY_ACT, Map.of("sub", token.mayAct().value()));
            }
            body.put(MandateClaims.GRANT_ID, token.grantId().value());
            body.put(MandateClaims.LINEAGE, token.lineage().stream().map(Jti::value).toList());
        }
        return body;
    }
}
