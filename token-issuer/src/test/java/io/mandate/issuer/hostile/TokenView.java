package io.mandate.issuer.hostile;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Mandate access token as a test reads it: the claims the invariants speak of, the nested
 * {@code act} claim flattened to a chain (current holder first), and whether the issuer's key
 * verifies its signature.
 */
record TokenView(String jti, String type, boolean signatureValid, String issuer, String subject, String clientId,
                 String authorizedParty, List<String> audience, Set<String> scopes, List<String> actorChain,
                 List<String> lineage, String mayAct, String grantId, Instant issuedAt, Instant expiresAt) {

    static TokenView of(String token, JWSVerifier issuerKey) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String scope = claims.getStringClaim("scope");
            Set<String> scopes = scope == null || scope.isEmpty() ? Set.of() : new TreeSet<>(List.of(scope.split(" ")));
            List<String> lineage = claims.getStringListClaim("lineage");
            Map<String, Object> mayAct = claims.getJSONObjectClaim("may_act");
            return new TokenView(claims.getJWTID(),
                    jwt.getHeader().getType() == null ? null : jwt.getHeader().getType().getType(),
                    jwt.verify(issuerKey), claims.getIssuer(), claims.getSubject(), claims.getStringClaim("client_id"),
                    claims.getStringClaim("azp"), claims.getAudience(), scopes,
                    chain(claims.getJSONObjectClaim("act")), lineage == null ? List.of() : lineage,
                    mayAct == null ? null : (String) mayAct.get("sub"), claims.getStringClaim("grant_id"),
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a readable Mandate token: " + e.getMessage(), e);
        }
    }

    boolean isDelegated() {
        return grantId != null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> chain(Map<String, Object> act) {
        List<String> chain = new ArrayList<>();
        for (Map<String, Object> actor = act; actor != null; actor = (Map<String, Object>) actor.get("act")) {
            chain.add((String) actor.get("sub"));
        }
        return chain;
    }
}
