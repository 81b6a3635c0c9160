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
 *
 * <p>With a {@link KafkaTap}, each sample is also timed at the stages in between, all from the same commit: the
 * producer's stamp on its Kafka record (store → publisher → send), the tap's receipt (in Kafka, readable), and
 * the first real-time {@code _mget} that found the document (indexed, not yet refreshed) — polled like the search.
 */
final class SearchableProbe implements EventGenerator.CommitListener {

    private static final int MAX_IDS_PER_SEARCH = 2_000;

    private final Elastic elastic;
    private final String index;
    private final int sampleEvery;
    private final long pollMillis;
    private final KafkaTap tap;
    private final Map<String, Sample> pending = new ConcurrentHashMap<>();
    private final Latencies searchable = new Latencies();
    private final Stages stages = new Stages(new Latencies(), new Latencies(), new Latencies());
    private final AtomicLong seen = new AtomicLong();
    private volatile boolean running = true;
    private final Thread poller;

    /** @param tap times the stages in between; {@code null} times commit → searchable only */
    SearchableProbe(Elastic elastic, String index, int sampleEvery, long pollMillis, KafkaTap tap) {
        this.elastic = elastic;
        this.index = index;
        this.sampleEvery = sampleEvery;
        this.pollMillis = pollMillis;
        this.tap = tap;
        this.poller = new Thread(this::poll, "searchable-probe");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    @Override
    public void committed(List<String> eventIds, long committedAtMillis) {
        for (String id : eventIds) {
            if (seen.getAndIncrement() % sampleEvery == 0) {
                pending.put(id, new Sample(committedAtMillis));
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
        return new Result(searchable, pending.size(), stages);
    }

    /** Commit → searchable, and how many samples never became searchable. */
    record Result(Latencies latencies, int missing, Stages stages) {
    }

    /** Commit → each stage, milliseconds; empty without a tap. */
    record Stages(Latencies published, Latencies inKafka, Latencies indexed) {
    }

    private static final class Sample {
        final long committed;
        volatile long indexed = -1;

        Sample(long committed) {
            this.committed = committed;
        }
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
                    if (tap != null) {
                        markIndexed(ids);
                    }
                    JsonNode hits = elastic.post("/" + index + "/_search", Map.of("size", ids.size(), "_source", false,
                            "query", Map.of("ids", Map.of("values", ids)))).path("hits").path("hits");
                    long answered = System.currentTimeMillis();
                    for (JsonNode hit : hits) {
                        Sample sample = pending.remove(hit.path("_id").asText());
                        if (sample != null) {
                            searchable.add(answered - sample.committed);
                            recordStages(hit.path("_id").asText(), sample, answered);
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

    /** A real-time {@code _mget}: finds a document once indexed, whether or not a refresh has happened since. */
    private void markIndexed(List<String> ids) {
        List<String> waiting = ids.stream().filter(id -> {
            Sample sample = pending.get(id);
            return sample != null && sample.indexed < 0;
        }).toList();
        if (waiting.isEmpty()) {
            return;
        }
        JsonNode docs = elastic.post("/" + index + "/_mget?realtime=true&_source=false", Map.of("ids", waiting)).path("docs");
        long answered = System.currentTimeMillis();
        for (JsonNode doc : docs) {
            Sample sample = pending.get(doc.path("_id").asText());
            if (sample != null && doc.path("found").asBoolean() && sample.indexed < 0) {
                sample.indexed = answered;
            }
        }
    }

    private void recordStages(String id, Sample sample, long searchableAt) {
        if (tap == null) {
            return;
        }
        // Indexed and searchable seen by the same poll: the refresh came first, indexing no later than that.
        stages.indexed().add((sample.indexed < 0 ? searchableAt : sample.indexed) - sample.committed);
        tap.seen(id).ifPresent(seen -> {
            stages.published().add(seen.createdAt() - sample.committed);
            stages.inKafka().add(seen.receivedAt() - sample.committed);
        });
    }
}
