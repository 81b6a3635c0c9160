package io.mandate.messages.revocation;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

/** Commands for the revocation grains wider than one grant (see {@code GrantCommands.RevokeGrant}). */
public final class RevocationCommands {

    private RevocationCommands() {
    }

    public record RevokeToken(Jti jti, String reason, String requestedBy) {
    }

    public record RevokeClient(ClientId clientId, String reason, String requestedBy) {
    }

    public record RevokeUser(UserId userId, String reason, String requestedBy) {
    }
}
