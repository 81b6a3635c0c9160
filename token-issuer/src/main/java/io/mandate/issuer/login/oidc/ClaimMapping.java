package io.mandate.issuer.login.oidc;

import io.mandate.issuer.login.LoginProperties.IdentityProvider;
import io.mandate.messages.id.UserId;

import java.util.Map;

/**
 * Turns a verified ID token's claims into the Mandate user: the configured claim's value (a
 * non-blank string; a number is not taken, so {@code 007} and {@code 7} cannot meet) behind the
 * provider's prefix, valid as a {@link UserId} (at most 255 characters, no whitespace or control
 * characters). The display name comes from the configured claim when it holds a string, else the
 * user id. A token that gives no usable id signs nobody in.
 */
public final class ClaimMapping {

    static final int MAX_DISPLAY_NAME = 255;

    private ClaimMapping() {
    }

    /** The signed-in user as Mandate knows it. */
    public record MappedUser(UserId userId, String displayName) {
    }

    /** Thrown when the claims give no usable user id; the message names the claim, never its value. */
    public static final class UnusableClaims extends RuntimeException {
        UnusableClaims(String message) {
            super(message, null, false, false);
        }
    }

    public static MappedUser map(IdentityProvider provider, Map<String, Object> claims) {
        Object value = claims.get(provider.userClaim());
        if (!(value instanceof String text) || text.isBlank()) {
            throw new UnusableClaims("the ID token has no string claim " + provider.userClaim());
        }
        UserId userId;
        try {
            userId = UserId.of(provider.userPrefix() + text);
        } catch (IllegalArgumentException e) {
            throw new UnusableClaims("the claim " + provider.userClaim() + " is not a usable user id: "
                    + e.getMessage());
        }
        String displayName = userId.value();
        if (provider.displayNameClaim() != null && claims.get(provider.displayNameClaim()) instanceof String name
                && !name.isBlank()) {
            String stripped = name.strip();
            displayName = stripped.length() > MAX_DISPLAY_NAME ? stripped.substring(0, MAX_DISPLAY_NAME) : stripped;
        }
        return new MappedUser(userId, displayName);
    }
}
