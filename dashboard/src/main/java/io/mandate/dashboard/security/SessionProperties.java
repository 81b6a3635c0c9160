package io.mandate.dashboard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a console session lives: it ends after {@code idleTimeout} without a page request
 * ({@code MANDATE_DASHBOARD_SESSION_IDLE_TIMEOUT}) and in any case {@code maxAge} after sign-in
 * ({@code MANDATE_DASHBOARD_SESSION_MAX_AGE}); the person then signs in again.
 */
@ConfigurationProperties("mandate.dashboard.session")
public record SessionProperties(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("8h") Duration maxAge) {
}
