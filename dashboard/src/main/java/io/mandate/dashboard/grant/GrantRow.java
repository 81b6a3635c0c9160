package io.mandate.dashboard.grant;

import io.mandate.dashboard.queryapi.GrantSummary;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One table row, already formatted: templates only place text. */
record GrantRow(String grantId, String userId, String agentId, String audience, String scopes,
                String createdAtIso, String createdAtText) {

    // Security teams correlate across systems: one unambiguous zone everywhere.
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static GrantRow of(GrantSummary grant) {
        return new GrantRow(grant.grantId(), grant.userId(), grant.agentId(), grant.audience(),
                String.join(" ", grant.scopes()),
                grant.createdAt() == null ? "" : grant.createdAt().toString(),
                grant.createdAt() == null ? "unknown" : DISPLAY.format(grant.createdAt()));
    }
}
