package io.mandate.system.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.system.generator.EventGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The baseline of commit → searchable: documents of {@code mandate-events} (copies of real ones, new ids) written
 * straight to a scratch index with the same mapping and settings, by {@code _bulk}, at the same rate and tick as
 * the generator. What remains is Elasticsearch's own indexing and refresh delay, with no store, publisher, Kafka
 * or projection in between; "committed" is the bulk response.
 */
final class DirectIndexer {

    private final Elastic elastic;
    private final String index;
    private final List<ObjectNode> templates = new ArrayList<>();

    DirectIndexer(Elastic elastic, String sourceAlias, String index) {
        this.elastic = elastic;
        this.index = index;
        JsonNode mapping = elastic.get("/" + sourceAlias + "/_mapping").elements().next().path("mappings");
        elastic.deleteIfExists(index);
        elastic.put("/" + index, Map.of("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0),
                "mappings", mapping));
        for (JsonNode hit : elastic.post("/" + sourceAlias + "/_search", Map.of("size", 1_000,
                "sort", List.of(Map.of("occurredAt", "desc")))).path("hits").path("hits")) {
            templates.add((ObjectNode) hit.path("_source"));
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException(sourceAlias + " holds no document to copy");
        }
    }

    /** Writes {@code events} documents at {@code rate} per second in ticks of {@code tickMillis}. */
    void run(long events, int rate, int tickMillis, EventGenerator.CommitListener listener) {
        long start = System.nanoTime();
        long written = 0;
        while (written < events) {
            long due = Math.min(events, (long) (rate * ((System.nanoTime() - start) / 1e9))) - written;
            if (due <= 0) {
                LockSupport.parkNanos(tickMillis * 1_000_000L);
                continue;
            }
            StringBuilder body = new StringBuilder();
            List<String> ids = new ArrayList<>((int) due);
            for (int i = 0; i < due; i++) {
                String id = UUID.randomUUID().toString();
                ObjectNode document = templates.get((int) ((written + i) % templates.size())).deepCopy();
                document.put("eventId", id);
                body.append("{\"create\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n")
                        .append(document).append('\n');
                ids.add(id);
            }
            elastic.bulk(body.toString());
            listener.committed(ids, System.currentTimeMillis());
            written += due;
        }
    }

    void delete() {
        elastic.deleteIfExists(index);
    }
}
