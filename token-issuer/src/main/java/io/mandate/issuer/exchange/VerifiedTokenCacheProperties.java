package io.mandate.issuer.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The bounded cache of already-verified subject and actor tokens ({@code mandate.issuer.verified-tokens.*}).
 *
 * @param capacity most tokens remembered (each entry is the token string and its parsed claims,
 *                 about 2 KiB); 0 disables the cache
 * @param maxAge   longest an entry is trusted without verifying the signature again: bounds how
 *                 long a key withdrawn by a trusted identity provider is still honoured for tokens
 *                 seen before (Mandate's own keys are re-checked on every hit)
 */
@ConfigurationProperties("mandate.issuer.verified-tokens")
public record VerifiedTokenCacheProperties(Integer capacity, Duration maxAge) {

    public VerifiedTokenCacheProperties {
        capacity = capacity == null ? 20_000 : capacity;
        maxAge = maxAge == null ? Duration.ofSeconds(60) : maxAge;
        if (capacity < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("mandate.issuer.verified-tokens: capacity and max-age must not be negative");
        }
    }

    VerifiedTokens newCache() {
        return capacity == 0 || maxAge.isZero() ? VerifiedTokens.disabled() : new VerifiedTokens(capacity, maxAge);
    }
}
