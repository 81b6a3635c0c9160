package io.mandate.dashboard.queryapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** One page of grants as the query-service returns it ({@code {items, total}}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrantPage(List<GrantSummary> items, long total) {

    public GrantPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
