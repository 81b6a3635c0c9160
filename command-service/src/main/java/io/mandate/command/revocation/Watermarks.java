package io.mandate.command.revocation;

import io.mandate.messages.revocation.RevocationEvent;

import java.time.Instant;
import java.util.Optional;

/** The rule shared by the client and user watermarks. */
final class Watermarks {

    private Watermarks() {
    }

    /**
     * A watermark covers what was issued at or before it, so only a grant created strictly after the
     * latest watermark is something a new watermark would revoke that the latest does not.
     */
    static boolean grantedSince(Optional<Instant> latestGrantCreatedAt, RevocationEvent latestWatermark) {
        return latestGrantCreatedAt.filter(created -> created.isAfter(latestWatermark.revokedAt())).isPresent();
    }
}
