package io.mandate.issuer.exchange;

import io.mandate.messages.id.UserId;

import java.time.Instant;

/**
 * A user's token from a trusted identity provider, verified.
 *
 * @param tokenId its jti, or a SHA-256 of the token when it has none (never the token itself)
 */
public record ExternalSubject(String issuer, UserId userId, String tokenId, Instant expiresAt) {
}
