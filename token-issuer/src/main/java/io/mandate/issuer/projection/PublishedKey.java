package io.mandate.issuer.projection;

import com.nimbusds.jose.jwk.JWK;

import java.time.Instant;

/**
 * A signing key as every issuer learns it from {@code mandate.keys}: its public half and its
 * life. Published in the JWKS from creation until {@code publishUntil} after retirement.
 *
 * @param publicJwk null when the event's JWK did not parse, or held private parameters: such a
 *                  key is never published
 */
public record PublishedKey(String keyId, String algorithm, JWK publicJwk, String issuerInstance, Instant createdAt,
                           Instant activatedAt, Instant retiredAt, Instant publishUntil, long sequence) {

    /** True while tokens it signed may still be presented. */
    public boolean isPublishedAt(Instant now) {
        return publicJwk != null && (publishUntil == null || now.isBefore(publishUntil));
    }
}
