package io.mandate.dashboard.queryapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A query-service whose event search answers from a list, with the real endpoint's semantics for
 * what the live feed asks ({@code from} and {@code to} inclusive on {@code occurredAt}, {@code order=desc},
 * {@code size}); any other call fails the test.
 */
public class InMemoryEventSearch extends QueryServiceClient {

    private final List<Api.Event> events = new CopyOnWriteArrayList<>();

    public InMemoryEventSearch() {
        super(RestClient.builder(), new QueryServiceProperties(URI.create("http://127.0.0.1:9"), "investigator", "x",
                "responder", "x", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1)), new ObjectMapper());
    }

    public void add(Api.Event event) {
        events.add(event);
    }

    @Override
    public <T> T get(Caller caller, Function<UriBuilder, URI> uri, Class<T> type) {
        URI asked = uri.apply(UriComponentsBuilder.newInstance());
        if (!"/api/events/search".equals(asked.getPath()) || type != Api.EventPage.class) {
            throw new AssertionError("unexpected call " + asked);
        }
        Map<String, String> query = UriComponentsBuilder.fromUri(asked).build().getQueryParams().toSingleValueMap();
        if (!"desc".equals(query.get("order"))) {
            throw new AssertionError("the feed reads newest first: " + asked);
        }
        Instant from = query.containsKey("from") ? Instant.parse(query.get("from")) : Instant.MIN;
        Instant to = query.containsKey("to") ? Instant.parse(query.get("to")) : Instant.MAX;
        List<Api.Event> matching = events.stream()
                .filter(e -> !e.occurredAt().isBefore(from) && !e.occurredAt().isAfter(to))
                .sorted(Comparator.comparing(Api.Event::occurredAt).reversed())
                .collect(Collectors.toList());
        int size = Integer.parseInt(query.getOrDefault("size", "50"));
        return type.cast(new Api.EventPage(matching.subList(0, Math.min(size, matching.size())), matching.size(), null));
    }
}
