package io.mandate.messages.revocation;

import io.mandate.messages.MandateEvent;

import java.time.Instant;

/**
 * Revocations wider than one grant, on {@code mandate.revocations}, keyed by what was revoked.
 * Each is a watermark or a lineage root, so "is this token still good" is answered in
 * O(chain depth): see docs/events.md.
 */
public sealed interface RevocationEvent extends MandateEvent permits TokenRevoked, ClientRevoked, UserRevoked {

    String reason();

    String revokedBy();

    Instant revokedAt();
}
