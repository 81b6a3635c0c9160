package io.mandate.issuer.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.issuer.keys.SigningKey;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs access tokens in the RFC 9068 JWT profile: header {@code typ: at+jwt}, {@code alg: ES256},
 * {@code kid}; claims {@code iss}, {@code sub} (always the user; the client itself for
 * client_credentials), {@code aud}, {@code client_id} and {@code azp} (the holder), {@code scope},
 * {@code iat}, {@code exp}, {@code jti}, and for delegated tokens {@code act}, {@code may_act},
 * {@code grant_id} and {@code lineage} (see {@link MandateClaims}).
 */
public class TokenMinter {

    private final String issuer;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JOSEObjectType type;
    /** By key id; a handful of keys over the process's life (rotation), so never pruned. */
    private final Map<String, Header> headers = new ConcurrentHashMap<>();

    public TokenMinter(String issuer) {
        this(issuer, TokenProperties.RFC9068_TYPE);
    }

    /** @param headerType {@code at+jwt} (RFC 9068) or {@code JWT} (compatibility, see {@link TokenProperties}) */
    public TokenMinter(String issuer, String headerType) {
        this.issuer = issuer;
        this.type = new JOSEObjectType(headerType);
    }

    public String delegated(TokenPlan plan, SigningKey key) {
        return sign(delegatedClaims(plan).end(), key);
    }

    /** A delegated token issued for an authorization code (RFC 6749 §4.1.3): marked {@code gty: authorization_code}. */
    public String authorizationCode(TokenPlan plan, SigningKey key) {
        return sign(delegatedClaims(plan).string(MandateClaims.GRANT_TYPE, MandateClaims.AUTHORIZATION_CODE).end(), key);
    }

    /** The claims in the order Nimbus's claims builder kept them, which is the order tokens always had. */
    private ClaimsWriter delegatedClaims(TokenPlan plan) {
        ClaimsWriter claims = common(plan.jti(), plan.grant().userId().value(), plan.holder(), plan.audience(),
                plan.scopes(), plan.issuedAt(), plan.expiresAt())
                .actorChain(MandateClaims.ACT, plan.actorChain().stream().map(ClientId::value).toList())
                .string(MandateClaims.GRANT_ID, plan.grant().grantId().value())
                .strings(MandateClaims.LINEAGE, plan.lineage().stream().map(Jti::value).toList());
        if (plan.mayAct() != null) {
            claims.subjectObject(MandateClaims.MAY_ACT, plan.mayAct().value());
        }
        return claims;
    }

    public String clientToken(Jti jti, ClientId client, String audience, Scopes scopes, Instant issuedAt,
                              Instant expiresAt, SigningKey key) {
        return sign(common(jti, client.value(), client, audience, scopes, issuedAt, expiresAt).end(), key);
    }

    private ClaimsWriter common(Jti jti, String subject, ClientId holder, String audience, Scopes scopes,
                                Instant issuedAt, Instant expiresAt) {
        return new ClaimsWriter()
                .string("iss", issuer)
                .string("sub", subject)
                .string("aud", audience)  // one audience: a string, as RFC 7519 §4.1.3 allows and Nimbus wrote it
                .string(MandateClaims.CLIENT_ID, holder.value())
                .string(MandateClaims.AUTHORIZED_PARTY, holder.value())
                .string(MandateClaims.SCOPE, scopes.toString())
                .seconds("iat", issuedAt.getEpochSecond())
                .seconds("exp", expiresAt.getEpochSecond())
                .string("jti", jti.value());
    }

    /**
     * The compact JWS, composed here rather than by {@link com.nimbusds.jwt.SignedJWT}: its constructor serialises
     * the header anew and Base64url-encodes header and claims with Nimbus's constant-time codec,
     * which the JFR profile showed costing more than the ECDSA signature itself. Same bytes: the
     * header as Nimbus serialises it (once per key), the claims as Nimbus serialised them (now written
     * by {@link ClaimsWriter} in one pass), both
     * Base64url without padding (RFC 7515 §2), signed by the same Nimbus signer.
     */
    private String sign(String claimsJson, SigningKey key) {
        Header header = headers.computeIfAbsent(key.keyId(), kid -> new Header(new JWSHeader.Builder(SigningKey.ALGORITHM)
                .type(type).keyID(kid).build()));
        String signingInput = header.base64url() + '.' + BASE64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            return signingInput + '.' + key.signer().sign(header.jws(), signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.keyId(), e);
        }
    }

    /** A key's JWS header and its Base64url form, built once. */
    private record Header(JWSHeader jws, String base64url) {
        Header(JWSHeader jws) {
            this(jws, jws.toBase64URL().toString());
        }
    }
}
