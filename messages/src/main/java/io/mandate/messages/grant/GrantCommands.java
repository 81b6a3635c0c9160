package io.mandate.messages.grant;

import io.mandate.messages.id.GrantId;

import java.time.Instant;

/** Commands that end a grant (creation is {@link CreateGrant}). */
public final class GrantCommands {

    private GrantCommands() {
    }

    public record RevokeGrant(GrantId grantId, String reason, String requestedBy) {
    }

    /**
     * The user withdraws their own grant (through the authorization server's account page): a
     * revocation whose actor is {@code user:<userId>}. Refused as unknown when the grant is not the user's.
     */
    public record WithdrawGrant(GrantId grantId, io.mandate.messages.id.UserId userId, String reason) {
    }

    /** Sent by the expiry sweep; a no-op unless the grant is active and past its expiry at {@code now}. */
    public record ExpireGrant(GrantId grantId, Instant now) {
    }
}
