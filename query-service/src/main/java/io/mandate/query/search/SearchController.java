package io.mandate.query.search;

import io.mandate.messages.wire.EventCatalog;
import io.mandate.query.event.EventOutcome;
import io.mandate.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.mandate.query.web.FilterParameters.blankToNull;
import static io.mandate.query.web.FilterParameters.instant;

/** Search over every event: the investigator's "what happened, involving whom, when". */
@RestController
@RequestMapping("/api/events/search")
@Tag(name = "events")
@SecurityRequirement(name = "basic")
class SearchController {

    private final EventSearch search;

    SearchController(EventSearch search) {
        this.search = search;
    }

    @GetMapping
    @Operation(summary = "Search events; paged with a point in time and search_after",
            description = "Filters combine with AND; the values of one repeated filter with OR. The first call "
                    + "answers the first page and, when there is more, a `next` cursor; pass it back as `cursor` "
                    + "(alone, or with the very same filters) for the next page. Every page reads the index as it "
                    + "was at the first call. A cursor expires after the keep-alive (1 minute by default) without use.")
    SearchPage search(
            @Parameter(description = "user id") @RequestParam(name = "user", required = false) String user,
            @Parameter(description = "client id: the event's client, the grant's agent, or any actor of an issued token")
            @RequestParam(name = "client", required = false) String client,
            @Parameter(description = "audience granted, issued, or asked for in a refusal")
            @RequestParam(name = "audience", required = false) String audience,
            @Parameter(description = "scope granted, issued, or asked for in a refusal; repeatable")
            @RequestParam(name = "scope", required = false) List<String> scopes,
            @Parameter(description = "event type, e.g. TokenExchanged; repeatable")
            @RequestParam(name = "type", required = false) List<String> types,
            @Parameter(description = "issued, refused, revoked or lifecycle; repeatable")
            @RequestParam(name = "outcome", required = false) List<String> outcomes,
            @Parameter(description = "ISO-8601 instant, inclusive, e.g. 2026-11-28T10:00:00Z")
            @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "ISO-8601 instant, exclusive")
            @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "asc (oldest first, the default) or desc")
            @RequestParam(name = "order", required = false) String order,
            @Parameter(description = "page size, 1 to " + EventSearch.MAX_SIZE)
            @RequestParam(name = "size", defaultValue = "50") int size,
            @Parameter(description = "the `next` cursor of the previous page")
            @RequestParam(name = "cursor", required = false) String cursor) {
        if (size < 1 || size > EventSearch.MAX_SIZE) {
            throw new InvalidParameterException("size", "must be between 1 and " + EventSearch.MAX_SIZE);
        }
        boolean anyFilter = blankToNull(user) != null || blankToNull(client) != null || blankToNull(audience) != null
                || !values(scopes).isEmpty() || !values(types).isEmpty() || !values(outcomes).isEmpty()
                || blankToNull(from) != null || blankToNull(to) != null || blankToNull(order) != null;
        EventFilters filters = new EventFilters(blankToNull(user), blankToNull(client), blankToNull(audience),
                values(scopes), eventTypes(types), outcomes(outcomes), instant("from", from), instant("to", to),
                newestFirst(order));
        if (filters.from() != null && filters.to() != null && !filters.to().isAfter(filters.from())) {
            throw new InvalidParameterException("to", "must be after 'from'");
        }
        if (blankToNull(cursor) == null) {
            return search.first(filters, size);
        }
        SearchCursor decoded = SearchCursor.decode(cursor);
        if (anyFilter && !decoded.filters().equals(filters)) {
            throw new InvalidParameterException(SearchCursor.PARAMETER,
                    "was made for other filters: send it alone, or with the filters of the first call");
        }
        return search.next(decoded, size);
    }

    private static List<String> values(List<String> values) {
        List<String> nonBlank = new ArrayList<>();
        if (values != null) {
            values.stream().map(String::trim).filter(value -> !value.isEmpty()).forEach(nonBlank::add);
        }
        return nonBlank;
    }

    private static List<String> eventTypes(List<String> types) {
        List<String> known = values(types);
        for (String type : known) {
            if (EventCatalog.byName(type).isEmpty()) {
                throw new InvalidParameterException("type", "'" + abbreviated(type) + "' is not an event type");
            }
        }
        return known;
    }

    private static List<EventOutcome> outcomes(List<String> outcomes) {
        return values(outcomes).stream().map(value -> EventOutcome.parse(value).orElseThrow(() ->
                new InvalidParameterException("outcome", "must be one of issued, refused, revoked, lifecycle"))).toList();
    }

    private static boolean newestFirst(String order) {
        if (blankToNull(order) == null || "asc".equals(order.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if ("desc".equals(order.toLowerCase(Locale.ROOT))) {
            return true;
        }
        throw new InvalidParameterException("order", "must be asc or desc");
    }

    private static String abbreviated(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
