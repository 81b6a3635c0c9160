package io.mandate.system.bench.query;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replay of the projections from scratch, beside a raw {@code _bulk} load of the same documents.
 *
 * <p>Replay: the query-service is stopped, the four Kafka-fed indices are deleted, and it starts again in a
 * new consumer group ({@code MANDATE_QUERY_CONSUMER_GROUP}), which reads every topic from the beginning and
 * recreates the indices — exactly how docs/query-model.md says a projection is rebuilt. The clock runs from the
 * first document indexed (so the service's start-up is not counted) until every index holds as many documents
 * as before, polled once a second (so a replay may be counted up to a second long). Baseline: those documents, dumped once before the first replay, bulk-loaded by one client thread
 * (the service's one consumer writes one bulk per polled batch too) into scratch indices with the same mappings.
 */
final class ReplayRun {

    /** The indices the query-service fills from Kafka (mandate-exports is not an event projection). */
    static final List<String> PROJECTED = List.of("mandate-events", "mandate-tokens", "mandate-grants", "mandate-clients");
    private static final int BULK_ACTIONS = 2_000;

    private final QueryStack stack;
    private final Elastic elastic;
    private final Path dump;
    private final Map<String, Long> expected = new LinkedHashMap<>();
    private final Map<String, JsonNode> mappings = new LinkedHashMap<>();

    ReplayRun(QueryStack stack, Path dump) {
        this.stack = stack;
        this.elastic = stack.elastic;
        this.dump = dump;
    }

    /** Counts and dumps the current documents: what a replay must rebuild and the baseline loads. */
    long prepare() throws IOException {
        long total = 0;
        try (BufferedWriter out = Files.newBufferedWriter(dump, StandardCharsets.UTF_8)) {
            for (String alias : PROJECTED) {
                expected.put(alias, elastic.count(alias));
                mappings.put(alias, elastic.get("/" + alias + "/_mapping").elements().next().path("mappings"));
                total += dumpIndex(alias, out);
            }
        }
        System.out.printf("replay must rebuild %s (dumped %,d documents, %,d MB)%n", expected, total, Files.size(dump) >> 20);
        return expected.get("mandate-events");
    }

    /** One replay from scratch; answers events per second. */
    double replay(int round) throws InterruptedException {
        stack.stopQueryService();
        for (String alias : PROJECTED) {
            if (elastic.status("HEAD", "/" + alias) == 200) {
                elastic.get("/" + alias + "/_alias").fieldNames().forEachRemaining(elastic::deleteIfExists); // the -vN index
            }
        }
        String group = "bench-replay-" + round + "-" + System.currentTimeMillis();
        Thread starter = new Thread(() -> stack.startQueryService(group), "replay-start");
        starter.start();
        long first = 0;
        while (true) {
            // Once a second, with a refresh: what Elasticsearch does by itself (refresh_interval 1s) while searched.
            Thread.sleep(1_000);
            boolean exists = elastic.status("HEAD", "/mandate-events") == 200;
            long events = exists ? elastic.count("mandate-events") : 0;
            long now = System.nanoTime();
            if (first == 0 && events > 0) {
                first = now;
            }
            if (first != 0 && events >= expected.get("mandate-events") && allRebuilt()) {
                starter.join();
                double seconds = (now - first) / 1e9;
                return expected.get("mandate-events") / seconds;
            }
        }
    }

    private boolean allRebuilt() {
        for (Map.Entry<String, Long> index : expected.entrySet()) {
            if (elastic.status("HEAD", "/" + index.getKey()) != 200 || elastic.count(index.getKey()) < index.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The baseline: the dumped documents into fresh scratch indices; answers events-index documents per second equivalent. */
    double bulkLoad(int round) throws IOException {
        String prefix = "bench-bulk-" + round + "-";
        for (String alias : PROJECTED) {
            elastic.deleteIfExists(prefix + alias);
            elastic.put("/" + prefix + alias, Map.of("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0),
                    "mappings", mappings.get(alias)));
        }
        long start = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
            StringBuilder body = new StringBuilder();
            int actions = 0;
            String action;
            while ((action = in.readLine()) != null) {
                body.append(action.replace("\"_index\":\"", "\"_index\":\"" + prefix)).append('\n').append(in.readLine()).append('\n');
                if (++actions == BULK_ACTIONS) {
                    elastic.bulk(body.toString());
                    body.setLength(0);
                    actions = 0;
                }
            }
            if (actions > 0) {
                elastic.bulk(body.toString());
            }
        }
        for (String alias : PROJECTED) {
            long count = elastic.count(prefix + alias);
            if (count != expected.get(alias)) {
                throw new IllegalStateException(prefix + alias + " holds " + count + ", expected " + expected.get(alias));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PROJECTED.forEach(alias -> elastic.deleteIfExists(prefix + alias));
        return expected.get("mandate-events") / seconds;
    }

    private long dumpIndex(String alias, BufferedWriter out) throws IOException {
        String pit = elastic.post("/" + alias + "/_pit?keep_alive=2m", "").path("id").asText();
        long count = 0;
        List<Object> after = null;
        while (true) {
            Map<String, Object> search = new LinkedHashMap<>();
            search.put("size", 5_000);
            search.put("pit", Map.of("id", pit, "keep_alive", "2m"));
            search.put("sort", List.of(Map.of("_shard_doc", "asc")));
            if (after != null) {
                search.put("search_after", after);
            }
            JsonNode hits = elastic.post("/_search", search).path("hits").path("hits");
            for (JsonNode hit : hits) {
                out.write("{\"index\":{\"_index\":\"" + alias + "\",\"_id\":" + Elastic.JSON.writeValueAsString(hit.path("_id").asText()) + "}}\n");
                out.write(hit.path("_source").toString());
                out.write('\n');
                count++;
            }
            if (hits.size() < 5_000) {
                return count;
            }
            after = Elastic.JSON.convertValue(hits.get(hits.size() - 1).path("sort"), List.class);
        }
    }
}
