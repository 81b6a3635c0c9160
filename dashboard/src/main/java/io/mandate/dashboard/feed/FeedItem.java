package io.mandate.dashboard.feed;

import io.mandate.dashboard.queryapi.Api;

import java.time.Instant;
import java.util.List;

/** One event as the feed shows it: a sentence's parts and where to click. */
record FeedItem(String eventId, String type, String outcome, Instant occurredAt, String who, String what,
                String href) {

    static FeedItem of(Api.Event event) {
        String client = event.clientId() != null ? event.clientId() : event.agentId();
        String who = event.userId() != null && client != null ? client + " for " + event.userId()
                : client != null ? client : event.userId() != null ? event.userId() : event.actor();
        List<String> scopes = !event.scopes().isEmpty() ? event.scopes() : event.requestedScopes();
        String what = event.reason() != null ? event.reason()
                : scopes.isEmpty() ? event.aggregateId() : String.join(" ", scopes);
        String href = event.jti() != null && "issued".equals(event.outcome()) ? "/tokens/" + event.jti()
                : client != null ? "/agents/" + client
                : event.userId() != null ? "/users/" + event.userId() : null;
        return new FeedItem(event.eventId(), event.type(), event.outcome(), event.occurredAt(), who, what, href);
    }
}
