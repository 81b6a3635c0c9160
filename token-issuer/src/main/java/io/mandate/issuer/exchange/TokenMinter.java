package io.mandate.issuer.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import io.mandate.issuer.token.TokenProperties;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.keys.SigningKey;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Signs access tokens in the RFC 9068 JWT profile: header {@code typ: at+jwt}, {@code alg: ES256},
 * {@code kid}; claims {@code iss}, {@code sub} (always the user; the client itself for
 * client_credentials), {@code aud}, {@code client_id} and {@code azp} (the holder), {@code scope},
 * {@code iat}, {@code exp}, {@code jti}, and for delegated tokens {@code act}, {@code may_act},
 * {@code grant_id} and {@code lineage} (see {@link MandateClaims}).
 */
public class TokenMinter {

    private final String issuer;
    private final JOSEObjectType type;

    public TokenMinter(String issuer) {
        this(issuer, TokenProperties.RFC9068_TYPE);
    }

    /** @param headerType {@code at+jwt} (RFC 9068) or {@code JWT} (compatibility, see {@link TokenProperties}) */
    public TokenMinter(String issuer, String headerType) {
        this.issuer = issuer;
        this.type = new JOSEObjectType(headerType);
    }

    public String delegated(TokenPlan plan, SigningKey key) {
        return sign(delegatedClaims(plan).build(), key);
    }

    /** A delegated token issued for an authorization code (RFC 6749 §4.1.3): marked {@code gty: authorization_code}. */
    public String authorizationCode(TokenPlan plan, SigningKey key) {
        return sign(delegatedClaims(plan).claim(MandateClaims.GRANT_TYPE, MandateClaims.AUTHORIZATION_CODE).build(), key);
    }

    private JWTClaimsSet.Builder delegatedClaims(TokenPlan plan) {
        JWTClaimsSet.Builder claims = common(plan.jti(), plan.grant().userId().value(), plan.holder(), plan.audience(),
                plan.scopes(), plan.issuedAt(), plan.expiresAt())
                .claim(MandateClaims.ACT, MandateClaims.act(plan.actorChain()))
                .claim(MandateClaims.GRANT_ID, plan.grant().grantId().value())
                .claim(MandateClaims.LINEAGE, plan.lineage().stream().map(Jti::value).toList());
        if (plan.mayAct() != null) {
            claims.claim(MandateClaims.MAY_ACT, Map.of("sub", plan.mayAct().value()));
        }
        return claims;
    }

    public String clientToken(Jti jti, ClientId client, String audience, Scopes scopes, Instant issuedAt,
                              Instant expiresAt, SigningKey key) {
        return sign(common(jti, client.value(), client, audience, scopes, issuedAt, expiresAt).build(), key);
    }

    private JWTClaimsSet.Builder common(Jti jti, String subject, ClientId holder, String audience, Scopes scopes,
                                        Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(List.of(audience))
                .claim(MandateClaims.CLIENT_ID, holder.value())
                .claim(MandateClaims.AUTHORIZED_PARTY, holder.value())
                .claim(MandateClaims.SCOPE, scopes.toString())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti.value());
    }

    private String sign(JWTClaimsSet claims, SigningKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKey.ALGORITHM)
                .type(type).keyID(key.keyId()).build(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.keyId(), e);
        }
        return jwt.serialize();
    }
}
