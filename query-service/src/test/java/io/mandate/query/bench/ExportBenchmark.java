package io.mandate.query.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.export.verify.ExportVerifier;
import io.mandate.export.verify.Verdict;
import io.mandate.infra.testkit.TestStack;
import io.mandate.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Export throughput with the hash chain, side by side with a plain point-in-time scan of the same
 * range from the same run: the scan reads the same events with the same query, sort, page size and
 * client (deserialised to the same JSON trees) and does nothing else; the exports go through the
 * real HTTP endpoint (security, chain, canonical form, SHA-256, writing, the manifest's signature)
 * and are read to the end by an HTTP client in the same JVM. Each round measures all three.
 *
 * <p>Run (with a stack's {@code MANDATE_TEST_*} variables set, or TestStack starts one):
 * {@code ./mvnw -B -q -pl query-service -Pbenchmark test-compile exec:java}; tune with
 * {@code -Dbench.events=200000 -Dbench.rounds=3 -Dbench.pageSize=5000}; {@code -Dbench.keep=<folder>} keeps
 * the last NDJSON export and the JWKS there.
 */
public final class ExportBenchmark {

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 200_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int pageSize = Integer.getInteger("bench.pageSize", 5000);
        Path keys = Files.createTempDirectory("bench-export-keys");

        Map<String, String> properties = new HashMap<>(TestStack.get().springProperties());
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.kafka.consumer.group-id", "bench-export-" + System.nanoTime());
        properties.put("mandate.query.export.key-directory", keys.toString());
        properties.put("mandate.query.export.page-size", Integer.toString(pageSize));
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(arguments)) {
            ElasticsearchClient client = context.getBean(ElasticsearchClient.class);
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            // A range of its own: a random day in 2040, one event per millisecond.
            Instant from = Instant.parse("2040-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(365)));
            Instant to = from.plusMillis(events);
            long loadStart = System.nanoTime();
            BenchEvents.load(client, from, events);
            client.indices().refresh(refresh -> refresh.index("mandate-events"));
            System.out.printf(Locale.ROOT, "bulk-loaded %,d events in %.1f s; range [%s, %s); page size %d%n",
                    events, (System.nanoTime() - loadStart) / 1e9, from, to, pageSize);
            String path = "/api/exports/events?from=" + from + "&to=" + to;
            Query query = Query.of(q -> q.bool(b -> b.filter(f -> f.range(r -> r.date(d -> d.field("occurredAt")
                    .gte(from.toString()).lt(to.toString()))))));

            // Warm-up: one of each, not counted.
            check(scan(client, query, pageSize), events, "warm-up scan");
            check(export(port, path + "&format=ndjson", null), events, "warm-up export");

            List<double[]> measured = new ArrayList<>();
            System.out.println("| round | PIT scan events/s | NDJSON export events/s | CSV export events/s | NDJSON ÷ scan | CSV ÷ scan |");
            System.out.println("|---|---|---|---|---|---|");
            for (int round = 1; round <= rounds; round++) {
                double scan = rate(events, () -> check(scan(client, query, pageSize), events, "scan"));
                double ndjson = rate(events, () -> check(export(port, path + "&format=ndjson", null), events, "ndjson"));
                double csv = rate(events, () -> check(export(port, path + "&format=csv", null), events, "csv"));
                measured.add(new double[] {scan, ndjson, csv});
                System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n", round, scan, ndjson, csv,
                        ndjson / scan, csv / scan);
            }
            double scan = median(measured, 0);
            double ndjson = median(measured, 1);
            double csv = median(measured, 2);
            System.out.printf(Locale.ROOT, "| **median** | **%,.0f** | **%,.0f** | **%,.0f** | **%.2f** | **%.2f** |%n",
                    scan, ndjson, csv, ndjson / scan, csv / scan);

            Path file = Files.createTempFile("bench-export", ".ndjson");
            check(export(port, path + "&format=ndjson", file), events, "saved export");
            JWKSet jwks = JWKSet.parse(new String(new URI("http://127.0.0.1:" + port + "/api/exports/jwks").toURL()
                    .openStream().readAllBytes(), StandardCharsets.UTF_8));
            long verifyStart = System.nanoTime();
            Verdict verdict = new ExportVerifier().verify(file, jwks);
            double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
            System.out.printf(Locale.ROOT, "offline verifier on the saved NDJSON export (%,d bytes): %s, %,.0f records/s%n",
                    Files.size(file), verdict.valid() ? "VALID" : "INVALID " + verdict.describe(),
                    verdict.records() / verifySeconds);
            String keep = System.getProperty("bench.keep");
            if (keep != null) {
                // For trying ./mandate verify-export on a real export: the file and the keys beside it.
                Path folder = Files.createDirectories(Path.of(keep));
                Files.move(file, folder.resolve("export.ndjson"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(folder.resolve("export-keys.json"), jwks.toString());
                System.out.println("kept the export and its keys in " + folder.toAbsolutePath());
            } else {
                Files.delete(file);
            }
        }
        System.exit(0);
    }

    /** The baseline: every event of the range through point in time + search_after, nothing else. */
    private static long scan(ElasticsearchClient client, Query query, int pageSize) throws IOException {
        Time keepAlive = Time.of(t -> t.time("2m"));
        String pit = client.openPointInTime(open -> open.index("mandate-events").keepAlive(keepAlive)).id();
        List<SortOptions> sort = List.of("occurredAt", "aggregateId", "sequence", "eventId").stream()
                .map(field -> SortOptions.of(s -> s.field(f -> f.field(field).order(SortOrder.Asc)))).toList();
        long count = 0;
        List<FieldValue> after = null;
        try {
            while (true) {
                List<FieldValue> searchAfter = after;
                String id = pit;
                SearchResponse<ObjectNode> response = client.search(search -> {
                    search.pit(p -> p.id(id).keepAlive(keepAlive)).query(query).sort(sort).size(pageSize)
                            .trackTotalHits(total -> total.enabled(false));
                    if (searchAfter != null) {
                        search.searchAfter(searchAfter);
                    }
                    return search;
                }, ObjectNode.class);
                List<Hit<ObjectNode>> hits = response.hits().hits();
                for (Hit<ObjectNode> hit : hits) {
                    if (hit.source() != null) {
                        count++;
                    }
                }
                if (hits.size() < pageSize) {
                    return count;
                }
                after = hits.get(hits.size() - 1).sort();
                pit = response.pitId();
            }
        } finally {
            String id = pit;
            client.closePointInTime(close -> close.id(id));
        }
    }

    /** Reads one export to its end as the investigator; counts its records; copies it to {@code file} if given. */
    private static long export(int port, String path, Path file) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("investigator:mandate-investigator".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body();
             OutputStream copy = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
            for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
                copy.write(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        boolean csv = path.contains("format=csv");
        return lines - 1 - (csv ? 1 : 0);  // the manifest line, and the CSV header
    }

    private static long check(long records, int expected, String what) {
        if (records != expected) {
            throw new IllegalStateException(what + " read " + records + " records, expected " + expected);
        }
        return records;
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double rate(int events, Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(round -> round[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
