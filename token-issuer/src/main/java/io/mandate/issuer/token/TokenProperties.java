package io.mandate.issuer.token;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Lifetimes of what the issuer signs ({@code mandate.issuer.tokens.*}).
 *
 * @param accessTokenTtl   lifetime of an issued access token (short: revocation also relies on it)
 * @param clockSkew        leeway for {@code exp}/{@code nbf}/{@code iat} of tokens from other parties
 * @param maxAssertionTtl  the longest a client assertion may live (RFC 7523 §3: a short {@code exp})
 * @param keyRotation      how often this instance replaces its signing key
 */
@ConfigurationProperties("mandate.issuer.tokens")
public record TokenProperties(Duration accessTokenTtl, Duration clockSkew, Duration maxAssertionTtl,
                              Duration keyRotation) {

    public TokenProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(5) : accessTokenTtl;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        maxAssertionTtl = maxAssertionTtl == null ? Duration.ofMinutes(5) : maxAssertionTtl;
        keyRotation = keyRotation == null ? Duration.ofHours(24) : keyRotation;
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("mandate.issuer.tokens.access-token-ttl must be within (0, 1h]");
        }
    }

    /** How long a retired key must stay published: until every token it signed has expired. */
    public Duration retiredKeyPublication() {
        return accessTokenTtl.plus(clockSkew);
    }
}
