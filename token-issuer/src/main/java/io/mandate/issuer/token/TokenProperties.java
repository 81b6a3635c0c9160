package io.mandate.issuer.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.time.Duration;

/**
 * Lifetimes of what the issuer signs ({@code mandate.issuer.tokens.*}).
 *
 * @param accessTokenTtl   lifetime of an issued access token (short: revocation also relies on it)
 * @param clockSkew        leeway for {@code exp}/{@code nbf}/{@code iat} of tokens from other parties
 * @param maxAssertionTtl  the longest a client assertion may live (RFC 7523 §3: a short {@code exp})
 * @param keyRotation      how often this instance replaces its signing key
 * @param headerType       the JOSE {@code typ} of issued tokens: {@code at+jwt} (RFC 9068, the
 *                         default) or {@code JWT} for resource servers whose JWT library accepts
 *                         nothing else (Spring Security 6.5's default decoder accepts only
 *                         {@code JWT} or no {@code typ}); see docs/tokens.md
 */
@ConfigurationProperties("mandate.issuer.tokens")
public record TokenProperties(Duration accessTokenTtl, Duration clockSkew, Duration maxAssertionTtl,
                              Duration keyRotation, String headerType) {

    public static final String RFC9068_TYPE = "at+jwt";
    public static final String PLAIN_JWT_TYPE = "JWT";

    public TokenProperties(Duration accessTokenTtl, Duration clockSkew, Duration maxAssertionTtl, Duration keyRotation) {
        this(accessTokenTtl, clockSkew, maxAssertionTtl, keyRotation, null);
    }

    @ConstructorBinding  // the canonical constructor binds; the shorter one is for tests and code
    public TokenProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(5) : accessTokenTtl;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        maxAssertionTtl = maxAssertionTtl == null ? Duration.ofMinutes(5) : maxAssertionTtl;
        keyRotation = keyRotation == null ? Duration.ofHours(24) : keyRotation;
        headerType = headerType == null || headerType.isBlank() ? RFC9068_TYPE : headerType;
        if (!RFC9068_TYPE.equals(headerType) && !PLAIN_JWT_TYPE.equals(headerType)) {
            throw new IllegalArgumentException("mandate.issuer.tokens.header-type must be at+jwt or JWT");
        }
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("mandate.issuer.tokens.access-token-ttl must be within (0, 1h]");
        }
    }

    /** How long a retired key must stay published: until every token it signed has expired. */
    public Duration retiredKeyPublication() {
        return accessTokenTtl.plus(clockSkew);
    }
}
