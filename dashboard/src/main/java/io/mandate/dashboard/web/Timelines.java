package io.mandate.dashboard.web;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import org.springframework.stereotype.Component;

/** The newest events of a user or a client, from the query-service's event search. */
@Component
public class Timelines {

    public static final int SIZE = 50;

    private final QueryServiceClient queryService;

    Timelines(QueryServiceClient queryService) {
        this.queryService = queryService;
    }

    /** @param filter {@code user} or {@code client} (the client as event client, grant agent or any actor) */
    public Api.EventPage newest(Caller caller, String filter, String id) {
        return queryService.get(caller, uri -> uri.path("/api/events/search").queryParam(filter, id)
                .queryParam("order", "desc").queryParam("size", SIZE).build(), Api.EventPage.class);
    }
}
