package io.mandate.dashboard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Passwords of the bootstrap users who may sign in, until Mandate's own tokens take over. Set
 * them through {@code MANDATE_SECURITY_ADMIN_PASSWORD}, {@code MANDATE_SECURITY_INVESTIGATOR_PASSWORD}
 * and {@code MANDATE_SECURITY_RESPONDER_PASSWORD} anywhere but on a developer's machine.
 */
@ConfigurationProperties("mandate.security")
public record SecurityProperties(@DefaultValue("mandate-admin") String adminPassword,
                                 @DefaultValue("mandate-investigator") String investigatorPassword,
                                 @DefaultValue("mandate-responder") String responderPassword) {

    @Override
    public String toString() {
        // Never let a password reach a log line through a toString().
        return "SecurityProperties[passwords hidden]";
    }
}
