package io.mandate.dashboard.feed;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.InMemoryEventSearch;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the live feed pushes, poll after poll, against a search with the query-service's semantics. */
class LiveFeedTest {

    private final InMemoryEventSearch search = new InMemoryEventSearch();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T02:00:00Z"));
    private final LiveFeed feed = new LiveFeed(search, clock);

    @Test
    void eventsDatedInTheFutureNeitherFillThePageNorHideWhatHappensNow() {
        // More future-dated events than one poll reads (a skewed clock, a forged time, tests' fixed clocks).
        for (int i = 0; i < 150; i++) {
            search.add(event("future-" + i, Instant.parse("2032-07-31T16:18:00Z").plusMillis(i)));
        }
        search.add(event("recent", clock.instant().minusSeconds(60)));
        assertThat(ids(feed.fresh())).containsExactly("recent");

        clock.advance(Duration.ofSeconds(2));
        search.add(event("new-grant", clock.instant()));
        assertThat(ids(feed.fresh())).containsExactly("new-grant");
    }

    @Test
    void anEventIndexedLateIsStillPushedOnceAndNothingTwice() {
        search.add(event("first", clock.instant()));
        assertThat(ids(feed.fresh())).containsExactly("first");

        clock.advance(Duration.ofMinutes(5));
        // Became searchable only now (the projection was lagging), though it happened just after "first".
        search.add(event("late", Instant.parse("2026-11-29T02:00:01Z")));
        assertThat(ids(feed.fresh())).containsExactly("late");
        assertThat(feed.fresh()).isEmpty();
    }

    private static List<String> ids(List<Api.Event> events) {
        return events.stream().map(Api.Event::eventId).toList();
    }

    private static Api.Event event(String id, Instant at) {
        return new Api.Event(id, "GrantCreated", "grant:" + id, at, "grt_" + id, "alice", "agent", null, null,
                List.of("cal.read"), null, null, null, "ok", List.of());
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
