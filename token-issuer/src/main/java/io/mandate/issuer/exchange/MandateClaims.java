package io.mandate.issuer.exchange;

import com.nimbusds.jwt.JWTClaimsSet;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims of a Mandate access token (RFC 9068 plus RFC 8693 {@code act} / {@code may_act} and
 * two private claims), in one place for writing and reading. docs/tokens.md documents each.
 */
public final class MandateClaims {

    public static final String CLIENT_ID = "client_id";
    public static final String AUTHORIZED_PARTY = "azp";
    public static final String SCOPE = "scope";
    public static final String ACT = "act";
    public static final String MAY_ACT = "may_act";
    /** Private: the root grant every token of the chain derives from. */
    public static final String GRANT_ID = "grant_id";
    /** Private: the jtis of the Mandate-issued ancestors, root first. */
    public static final String LINEAGE = "lineage";
    /**
     * Private: how the token was granted, present only on tokens issued for an authorization code
     * ({@value #AUTHORIZATION_CODE}); the name follows the {@code gty} claim some servers already use.
     */
    public static final String GRANT_TYPE = "gty";
    public static final String AUTHORIZATION_CODE = "authorization_code";

    private MandateClaims() {
    }

    /** The nested {@code act} claim: outermost = the current holder, each inner one the actor before. */
    static Map<String, Object> act(List<ClientId> actorChain) {
        Map<String, Object> inner = null;
        for (int i = actorChain.size() - 1; i >= 0; i--) {
            Map<String, Object> actor = new LinkedHashMap<>();
            actor.put("sub", actorChain.get(i).value());
            if (inner != null) {
                actor.put(ACT, inner);
            }
            inner = actor;
        }
        return inner;
    }

    /**
     * Reads a verified Mandate token. Throws {@link IllegalArgumentException} when the claims are
     * inconsistent (which a token this issuer signed never is: it means forgery or another issuer's
     * format), so the caller can refuse it.
     */
    static MandateToken read(JWTClaimsSet claims) throws ParseException {
        Jti jti = Jti.of(require(claims.getJWTID(), "jti"));
        ClientId holder = ClientId.of(require(claims.getStringClaim(CLIENT_ID), CLIENT_ID));
        if (!holder.value().equals(claims.getStringClaim(AUTHORIZED_PARTY))) {
            throw new IllegalArgumentException("azp and client_id differ");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || audiences.size() != 1) {
            throw new IllegalArgumentException("exactly one audience expected");
        }
        Scopes scopes = Scopes.parse(claims.getStringClaim(SCOPE));
        Instant issuedAt = require(claims.getIssueTime(), "iat").toInstant();
        Instant expiresAt = require(claims.getExpirationTime(), "exp").toInstant();
        String grant = claims.getStringClaim(GRANT_ID);
        if (grant == null) {
            if (claims.getClaim(ACT) != null || !holder.value().equals(claims.getSubject())) {
                throw new IllegalArgumentException("a client token has no actor and its subject is the client");
            }
            return new MandateToken(jti, null, holder, audiences.get(0), scopes, List.of(), List.of(), null, null,
                    issuedAt, expiresAt, false);
        }
        UserId user = UserId.of(require(claims.getSubject(), "sub"));
        List<ClientId> chain = actorChain(claims.getJSONObjectClaim(ACT));
        if (chain.isEmpty() || !chain.get(0).equals(holder)) {
            throw new IllegalArgumentException("the outermost actor must be the holder");
        }
        List<String> lineageClaim = claims.getStringListClaim(LINEAGE);
        List<Jti> lineage = lineageClaim == null ? List.of() : lineageClaim.stream().map(Jti::of).toList();
        // One ancestor per earlier actor; one more when the chain began with the agent's own
        // authorization-code token, which the agent exchanged without joining the chain twice.
        if ((lineage.size() != chain.size() - 1 && lineage.size() != chain.size()) || lineage.contains(jti)) {
            throw new IllegalArgumentException("lineage does not match the actor chain");
        }
        Map<String, Object> mayActClaim = claims.getJSONObjectClaim(MAY_ACT);
        ClientId mayAct = mayActClaim == null ? null : ClientId.of(String.valueOf(mayActClaim.get("sub")));
        boolean fromCode = AUTHORIZATION_CODE.equals(claims.getStringClaim(GRANT_TYPE));
        if (fromCode && (!lineage.isEmpty() || chain.size() != 1)) {
            throw new IllegalArgumentException("an authorization-code token is the first of its chain");
        }
        return new MandateToken(jti, user, holder, audiences.get(0), scopes, chain, lineage, GrantId.of(grant), mayAct,
                issuedAt, expiresAt, fromCode);
    }

    @SuppressWarnings("unchecked")
    private static List<ClientId> actorChain(Map<String, Object> act) {
        List<ClientId> chain = new ArrayList<>();
        Object current = act;
        while (current != null) {
            if (!(current instanceof Map<?, ?> actor) || !(actor.get("sub") instanceof String sub)) {
                throw new IllegalArgumentException("malformed act claim");
            }
            ClientId id = ClientId.of(sub);
            if (chain.contains(id) || chain.size() >= io.mandate.messages.grant.DelegationPolicy.MAX_DEPTH_LIMIT) {
                throw new IllegalArgumentException("act chain repeats an actor or is too deep");
            }
            chain.add(id);
            current = ((Map<String, Object>) actor).get(ACT);
        }
        return chain;
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
