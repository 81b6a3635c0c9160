package io.mandate.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passwords of the bootstrap users (and of the token-issuer's service users {@code authorization-server} and {@code registrar}) ({@code mandate.security.*}), until Mandate's own tokens protect
 * its APIs. Held only long enough to be BCrypt-hashed at start-up; never logged.
 */
@ConfigurationProperties("mandate.security")
record SecurityProperties(String adminPassword, String investigatorPassword, String responderPassword,
                          String authorizationServerPassword,
                          String registrarPassword) {

    SecurityProperties {
        requirePassword(adminPassword, "admin-password");
        requirePassword(investigatorPassword, "investigator-password");
        requirePassword(responderPassword, "responder-password");
        requirePassword(authorizationServerPassword, "authorization-server-password");
        requirePassword(registrarPassword, "registrar-password");
    }

    @Override
    public String toString() {
        return "SecurityProperties[passwords redacted]";
    }

    private static void requirePassword(String password, String property) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("mandate.security." + property + " must be set");
        }
    }
}
