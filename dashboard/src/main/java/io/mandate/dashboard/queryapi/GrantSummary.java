package io.mandate.dashboard.queryapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/** The part of the query-service's grant representation the dashboard shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrantSummary(String grantId,
                           String userId,
                           String agentId,
                           String audience,
                           List<String> scopes,
                           Instant createdAt) {

    public GrantSummary {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
