package io.mandate.messages.grant;

import io.mandate.messages.id.GrantId;

import java.time.Instant;

/** Commands that end a grant (creation is {@link CreateGrant}). */
public final class GrantCommands {

    private GrantCommands() {
    }

    public record RevokeGrant(GrantId grantId, String reason, String requestedBy) {
    }

    /** Sent by the expiry sweep; a no-op unless the grant is active and past its expiry at {@code now}. */
    public record ExpireGrant(GrantId grantId, Instant now) {
    }
}
