package io.mandate.system.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.system.generator.EventGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commit → searchable: every {@code sampleEvery}-th committed event is remembered with its commit instant, and a
 * poller searches the index for the remembered ids ({@code ids} query: a search, so only what a refresh made
 * searchable counts, not a real-time get). An event's latency is the instant the search that first returned it
 * answered minus its commit: an upper bound, too high by at most one poll period plus one search.
 */
final class SearchableProbe implements EventGenerator.CommitListener {

    private static final int MAX_IDS_PER_SEARCH = 2_000;

    private final Elastic elastic;
    private final String index;
    private final int sampleEvery;
    private final long pollMillis;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Latencies latencies = new Latencies();
    private final AtomicLong seen = new AtomicLong();
    private volatile boolean running = true;
    private final Thread poller;

    SearchableProbe(Elastic elastic, String index, int sampleEvery, long pollMillis) {
        this.elastic = elastic;
        this.index = index;
        this.sampleEvery = sampleEvery;
        this.pollMillis = pollMillis;
        this.poller = new Thread(this::poll, "searchable-probe");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    @Override
    public void committed(List<String> eventIds, long committedAtMillis) {
        for (String id : eventIds) {
            if (seen.getAndIncrement() % sampleEvery == 0) {
                pending.put(id, committedAtMillis);
            }
        }
    }

    /** Waits until every sampled event was seen (or {@code timeout}); answers the latencies and how many never showed. */
    Result finish(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(pollMillis);
        }
        running = false;
        poller.join(10_000);
        return new Result(latencies, pending.size());
    }

    record Result(Latencies latencies, int missing) {
    }

    private void poll() {
        while (running) {
            long started = System.currentTimeMillis();
            if (!pending.isEmpty()) {
                List<String> ids = new ArrayList<>(pending.keySet());
                if (ids.size() > MAX_IDS_PER_SEARCH) {
                    ids = ids.subList(0, MAX_IDS_PER_SEARCH);
                }
                try {
                    JsonNode hits = elastic.post("/" + index + "/_search", Map.of("size", ids.size(), "_source", false,
                            "query", Map.of("ids", Map.of("values", ids)))).path("hits").path("hits");
                    long answered = System.currentTimeMillis();
                    for (JsonNode hit : hits) {
                        Long committed = pending.remove(hit.path("_id").asText());
                        if (committed != null) {
                            latencies.add(answered - committed);
                        }
                    }
                } catch (RuntimeException e) {
                    System.out.println("probe search failed (retrying): " + e.getMessage());
                }
            }
            long rest = pollMillis - (System.currentTimeMillis() - started);
            if (rest > 0) {
                try {
                    Thread.sleep(rest);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
