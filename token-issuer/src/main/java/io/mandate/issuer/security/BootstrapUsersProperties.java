package io.mandate.issuer.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passwords of the bootstrap users that guard the admin views until Mandate's own tokens
 * protect its APIs. Local defaults run out of the box; production sets the env variables
 * {@code MANDATE_SECURITY_ADMIN_PASSWORD}, {@code ..._INVESTIGATOR_PASSWORD}, {@code ..._RESPONDER_PASSWORD}.
 */
@ConfigurationProperties("mandate.security")
public record BootstrapUsersProperties(String adminPassword, String investigatorPassword, String responderPassword) {

    public BootstrapUsersProperties {
        requireNonBlank(adminPassword, "admin-password");
        requireNonBlank(investigatorPassword, "investigator-password");
        requireNonBlank(responderPassword, "responder-password");
    }

    @Override
    public String toString() {
        return "BootstrapUsersProperties[passwords hidden]";  // never print secrets, even by accident
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("mandate.security." + name + " must be set");
        }
    }
}
