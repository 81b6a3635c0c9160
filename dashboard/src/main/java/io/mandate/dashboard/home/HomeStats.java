package io.mandate.dashboard.home;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The home page's figures, from the query-service's read API. Cached for a few seconds and shared by
 * every viewer: each search opens a point in time on the query side, and a busy room must not open
 * one per page view.
 */
@Component
class HomeStats {

    static final int EVENTS_READ = 500;
    private static final int GRANT_PAGE = 100;
    private static final int RECENT_EVENTS = 20;
    private static final int GRANT_PAGES = 10;
    private static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private final QueryServiceClient queryService;
    private final Clock clock;
    private Figures cached;

    HomeStats(QueryServiceClient queryService, Clock clock) {
        this.queryService = queryService;
        this.clock = clock;
    }

    /**
     * @param activeGrants      grants whose status is ACTIVE, counted over at most {@code grantsCounted} grants
     * @param grantsExact       false when there are more grants than were counted
     * @param issued24h         tokens issued in the last 24 hours (exact)
     * @param refused24h        refusals in the last 24 hours (exact)
     * @param topRefusers       clients with the most refusals among the newest {@value #EVENTS_READ}, most first
     */
    record Figures(long activeGrants, long grantsTotal, boolean grantsExact, long issued24h, long refused24h,
                   ActivityChart chart, List<Refuser> topRefusers, List<Api.Event> recent, Instant computedAt) {
    }

    record Refuser(String clientId, long refusals) {
    }

    synchronized Figures figures() {
        Instant now = clock.instant();
        if (cached != null && cached.computedAt().plus(FRESH_FOR).isAfter(now)) {
            return cached;
        }
        Instant from = now.minus(Duration.ofHours(ActivityChart.HOURS));
        Api.EventPage issued = lastDay("issued", from);
        Api.EventPage refused = lastDay("refused", from);
        long active = 0;
        long counted = 0;
        long total = 0;
        for (int page = 0; page < GRANT_PAGES; page++) {
            int current = page;
            Api.GrantList grants = queryService.get(Caller.READER, uri -> uri.path("/api/grants")
                    .queryParam("page", current).queryParam("size", GRANT_PAGE).build(), Api.GrantList.class);
            total = grants.total();
            active += grants.items().stream().filter(g -> "ACTIVE".equals(g.status())).count();
            counted += grants.items().size();
            if (counted >= total || grants.items().isEmpty()) {
                break;
            }
        }
        Map<String, Long> byClient = refused.items().stream().filter(e -> e.clientId() != null)
                .collect(Collectors.groupingBy(Api.Event::clientId, LinkedHashMap::new, Collectors.counting()));
        List<Refuser> top = byClient.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> new Refuser(e.getKey(), e.getValue())).toList();
        List<Api.Event> recent = queryService.get(Caller.READER, uri -> uri.path("/api/events/search")
                .queryParam("order", "desc").queryParam("size", RECENT_EVENTS).build(), Api.EventPage.class).items();
        boolean partial = issued.total() > issued.items().size() || refused.total() > refused.items().size();
        cached = new Figures(active, total, counted >= total, issued.total(), refused.total(),
                ActivityChart.of(now, issued.items(), refused.items(), partial), top, recent, now);
        return cached;
    }

    private Api.EventPage lastDay(String outcome, Instant from) {
        return queryService.get(Caller.READER, uri -> uri.path("/api/events/search").queryParam("outcome", outcome)
                .queryParam("from", from.toString()).queryParam("order", "desc").queryParam("size", EVENTS_READ)
                .build(), Api.EventPage.class);
    }
}
