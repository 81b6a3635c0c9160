package io.mandate.dashboard.feed;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.queryapi.QueryServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Iterator;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The home page's live feed: one poller asks the query-service's event search for what is new
 * (only while someone is watching) and pushes each new event to every open stream as a server-sent
 * event. One poll serves every viewer, so a room full of consoles costs the query-service one search
 * every interval.
 */
@Component
public class LiveFeed {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final int BATCH = 100;
    private static final int REMEMBERED = 2_000;
    /** Events are searchable about a second after they happen; look back a little so none falls between polls. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);
    /** How far ahead of this clock another service's event time may be and still count as now. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final QueryServiceClient queryService;
    private final Clock clock;
    private final List<SseEmitter> streams = new CopyOnWriteArrayList<>();
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    /**
     * The newest {@code occurredAt} the feed has seen. Polls look back from it, not from the wall
     * clock: when the projection lags (a burst of events being indexed), an event becomes searchable
     * long after it happened, and a window anchored on "now" would already have passed it.
     */
    private Instant newestSeen;

    LiveFeed(QueryServiceClient queryService, Clock clock) {
        this.queryService = queryService;
        this.clock = clock;
    }

    SseEmitter open() {
        SseEmitter stream = new SseEmitter(STREAM_TIMEOUT.toMillis());
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> streams.remove(stream));
        stream.onError(error -> streams.remove(stream));
        streams.add(stream);
        try {
            stream.send(SseEmitter.event().name("hello").data("{\"watching\":true}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            streams.remove(stream);
        }
        return stream;
    }

    @Scheduled(fixedDelayString = "${mandate.dashboard.feed.interval:2s}")
    void poll() {
        if (streams.isEmpty()) {
            return;
        }
        List<Api.Event> fresh;
        try {
            fresh = fresh();
        } catch (QueryServiceException e) {
            log.debug("Feed poll failed: {}", e.getMessage());
            return;
        }
        for (Api.Event event : fresh) {
            broadcast(FeedItem.of(event));
        }
    }

    synchronized List<Api.Event> fresh() {
        Instant now = clock.instant();
        // Never anchor on, or fill the page with, events dated after now (a skewed clock, a forged or
        // scheduled time): the newest BATCH would be those, and a window starting after them would hide
        // every real new event for as long as they stay "newest". They appear once their time comes.
        Instant to = now.plus(CLOCK_SKEW);
        Instant anchor = newestSeen == null || newestSeen.isAfter(now) ? null : newestSeen;
        Instant from = anchor == null ? now.minus(Duration.ofMinutes(10)) : anchor.minus(OVERLAP);
        Api.EventPage page = queryService.get(Caller.READER, uri -> uri.path("/api/events/search")
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("order", "desc").queryParam("size", BATCH).build(),
                Api.EventPage.class);
        List<Api.Event> fresh = new ArrayList<>();
        List<Api.Event> newestFirst = page.items();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Api.Event event = newestFirst.get(i);
            if (seen.add(event.eventId())) {
                fresh.add(event);
            }
            if (event.occurredAt() != null && (newestSeen == null || event.occurredAt().isAfter(newestSeen))) {
                newestSeen = event.occurredAt();
            }
        }
        Iterator<String> oldest = seen.iterator();
        while (seen.size() > REMEMBERED && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        // Oldest first; the page drops any event it already shows (it renders the recent past itself).
        return fresh;
    }

    private void broadcast(FeedItem item) {
        for (SseEmitter stream : streams) {
            try {
                stream.send(SseEmitter.event().id(item.eventId()).name("event").data(item, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                streams.remove(stream);
            }
        }
    }

    int watching() {
        return streams.size();
    }
}
