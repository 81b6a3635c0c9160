package io.mandate.dashboard.feed;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /feed}: the live feed as server-sent events ({@code event: event}, data = one {@link FeedItem}). */
@RestController
class FeedController {

    private final LiveFeed feed;

    FeedController(LiveFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter feed() {
        return feed.open();
    }
}
