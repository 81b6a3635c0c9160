package io.mandate.dashboard.web;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** Formatting for templates ({@code ${@fmt.time(x)}}): one unambiguous zone, plain words for nothing. */
@Component("fmt")
public class Formats {

    // Security teams correlate across systems: UTC everywhere.
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public String time(Instant instant) {
        return instant == null ? "—" : DISPLAY.format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String scopes(Collection<String> scopes) {
        return scopes == null || scopes.isEmpty() ? "none" : String.join(" ", scopes);
    }

    /** A status word for CSS classes and badges: active, revoked, expired, suspended. */
    public String status(String status) {
        return status == null ? "unknown" : status.toLowerCase(java.util.Locale.ROOT);
    }
}
