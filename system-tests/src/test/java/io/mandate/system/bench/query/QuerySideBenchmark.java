package io.mandate.system.bench.query;

import io.mandate.system.generator.EventGenerator;
import io.mandate.system.generator.GeneratorSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query side's numbers (issue #5, "Numbers"), each beside its baseline in the same run, medians of rounds:
 * commit → searchable at a sustained rate (beside Elasticsearch's own bulk → searchable delay), the chain query
 * with the store filled by the generator (beside one {@code term} query on the same index), and the replay of
 * the projections from scratch (beside a raw {@code _bulk} load of the same documents). Not a test:
 *
 * <pre>./mvnw -B -q -pl system-tests -Pquery-benchmark test-compile exec:java -Dbench.events=1000000
 *   -Dbench.rounds=3 -Dbench.seconds=60 -Dbench.rate=1000 -Dbench.only=searchable,chain,replay</pre>
 * (and {@code -Dbench.only=drain -Dbench.drainEvents=100000}: each stage's throughput and CPU per event on a backlog)
 *
 * See docs/benchmarks.md, "Query side".
 */
public final class QuerySideBenchmark {

    private QuerySideBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long target = Long.getLong("bench.events", 1_000_000);
        int fillRate = Integer.getInteger("bench.fillRate", 3_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int rate = Integer.getInteger("bench.rate", 1_000);
        int perDepth = Integer.getInteger("bench.chainSample", 100);
        Set<String> only = Set.of(System.getProperty("bench.only", "searchable,chain,replay").split(","));

        QueryStack stack = QueryStack.start("mandate-query-service");
        System.out.printf(Locale.ROOT, "%s; %d cores, JDK %s, load average %s; %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage(),
                postgres(stack));
        GeneratorSettings settings = stack.generatorSettings().with(target, fillRate);
        // A stack filled by an earlier run needs no new population unless events must be written.
        if (storeRows(stack) < target || only.contains("searchable") || only.contains("drain")) {
            try (EventGenerator generator = EventGenerator.prepare(settings)) {
                fill(stack, generator, target, fillRate);
                System.out.println(generator.summary());
                if (only.contains("searchable")) {
                    searchable(stack, generator, rounds, seconds, rate, settings.tickMillis());
                }
                if (only.contains("drain")) {
                    drain(stack, generator, rounds, Long.getLong("bench.drainEvents", 100_000));
                }
            }
        } else {
            awaitIndexed(stack);
            System.out.printf(Locale.ROOT, "event store already holds %,d events (≥ %,d): no generation%n", storeRows(stack), target);
        }
        if (only.contains("chain")) {
            chains(stack, rounds, perDepth);
        }
        if (only.contains("replay")) {
            replay(stack, rounds);
        }
        System.exit(0);
    }

    /** Tops the event store up to {@code target} rows, then waits until Elasticsearch holds every event. */
    private static void fill(QueryStack stack, EventGenerator generator, long target, int rate) throws Exception {
        long stored = storeRows(stack);
        long start = System.nanoTime();
        while (stored < target) {
            EventGenerator.Phase phase = generator.run(target - stored, rate, null);
            System.out.printf(Locale.ROOT, "generated %,d ledger events at %,.0f/s%n", phase.events(), phase.rate());
            stored = storeRows(stack);
        }
        awaitIndexed(stack);
        System.out.printf(Locale.ROOT, "event store: %,d events, all searchable in mandate-events (%.0f s)%n", stored,
                (System.nanoTime() - start) / 1e9);
    }

    private static void searchable(QueryStack stack, EventGenerator generator, int rounds, int seconds, int rate,
                                   int tickMillis) throws Exception {
        System.out.printf(Locale.ROOT, "%n## commit → searchable at %,d events/s for %d s per round%n", rate, seconds);
        int sampleEvery = Math.max(1, rate / 100);
        List<double[]> rows = new ArrayList<>();
        System.out.println("| round | achieved events/s | samples | pipeline p50 ms | pipeline p99 ms | pipeline max ms | not seen "
                + "| direct bulk p50 ms | direct bulk p99 ms | p99 ÷ direct p99 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<double[]> stageRows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            SearchableProbe.Result through;
            EventGenerator.Phase phase;
            try (KafkaTap tap = new KafkaTap(stack.stack.kafkaBootstrapServers())) {
                SearchableProbe pipeline = new SearchableProbe(stack.elastic, "mandate-events", sampleEvery, 50, tap);
                phase = generator.run((long) rate * seconds, rate, pipeline);
                through = pipeline.finish(Duration.ofSeconds(120));
            }
            SearchableProbe.Stages stages = through.stages();
            stageRows.add(new double[]{stages.published().percentile(50), stages.published().percentile(99),
                    stages.inKafka().percentile(50), stages.inKafka().percentile(99), stages.indexed().percentile(50),
                    stages.indexed().percentile(99), through.latencies().percentile(50), through.latencies().percentile(99),
                    loadAverageOneMinute()});

            DirectIndexer direct = new DirectIndexer(stack.elastic, "mandate-events", "bench-direct-events");
            SearchableProbe straight = new SearchableProbe(stack.elastic, "bench-direct-events", sampleEvery, 50, null);
            direct.run((long) rate * seconds, rate, tickMillis, straight);
            SearchableProbe.Result baseline = straight.finish(Duration.ofSeconds(60));
            direct.delete();

            double[] row = {phase.rate(), through.latencies().size(), through.latencies().percentile(50),
                    through.latencies().percentile(99), through.latencies().percentile(100), through.missing(),
                    baseline.latencies().percentile(50), baseline.latencies().percentile(99),
                    through.latencies().percentile(99) / baseline.latencies().percentile(99)};
            rows.add(row);
            System.out.println(line(Integer.toString(round), row, "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f",
                    "%,.0f", "%,.0f", "%.2f"));
        }
        System.out.println(medians(rows, "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%.2f"));
        System.out.println("\nwhere the time goes, each from the commit (ms): the producer's stamp on the Kafka record, "
                + "the record read back from Kafka, the document found by a real-time _mget (indexed), found by a search");
        System.out.println("| round | published p50 | published p99 | in Kafka p50 | in Kafka p99 | indexed p50 | indexed p99 "
                + "| searchable p50 | searchable p99 | load (1 min) after |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int round = 0; round < stageRows.size(); round++) {
            System.out.println(line(Integer.toString(round + 1), stageRows.get(round), "%,.0f", "%,.0f", "%,.0f", "%,.0f",
                    "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%.1f"));
        }
        System.out.println(medians(stageRows, "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%,.0f", "%.1f"));
    }

    private static void drain(QueryStack stack, EventGenerator generator, int rounds, long events) throws Exception {
        System.out.printf(Locale.ROOT, "%n## drain of a backlog of %,d events, one stage at a time (the other stopped)%n", events);
        System.out.println("| round | uptime load (1 min) at start | backlog | publisher events/s | publisher CPU ms/event "
                + "| projection events/s | projection CPU ms/event | Elasticsearch CPU ms/event (during projection) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<double[]> rows = new ArrayList<>();
        try (DrainRun drain = new DrainRun(stack, "mandate-query-service")) {
            for (int round = 1; round <= rounds; round++) {
                double load = loadAverageOneMinute();
                DrainRun.Round result = drain.round(generator, events);
                double[] row = {load, result.events(), result.publisher().rate(), result.publisher().cpuMillisPerEvent(),
                        result.projection().rate(), result.projection().cpuMillisPerEvent(),
                        result.projection().elasticCpuMillisPerEvent()};
                rows.add(row);
                System.out.println(line(Integer.toString(round), row, "%.1f", "%,.0f", "%,.0f", "%.3f", "%,.0f", "%.3f", "%.3f"));
            }
        }
        System.out.println(medians(rows, "%.1f", "%,.0f", "%,.0f", "%.3f", "%,.0f", "%.3f", "%.3f"));
    }

    private static void chains(QueryStack stack, int rounds, int perDepth) throws Exception {
        awaitIndexed(stack);
        ChainLatency latency = new ChainLatency(stack.elastic, stack.queryUrl);
        List<String> jtis = latency.sample(perDepth, 7);
        System.out.printf(Locale.ROOT, "%n## chain query: %,d tokens sampled across depths 1–5; %,d events and %,d tokens indexed%n",
                jtis.size(), stack.elastic.count("mandate-events"), stack.elastic.count("mandate-tokens"));
        latency.round(jtis.subList(0, Math.min(jtis.size(), 100))); // warm-up, not counted
        List<double[]> rows = new ArrayList<>();
        System.out.println("| round | chains | HTTP p50 ms | HTTP p99 ms | HTTP 404 p50 ms | HTTP 404 p99 ms | ES requests p50 ms "
                + "| ES requests p99 ms | term p50 ms | term p99 ms | HTTP p99 ÷ term p99 | ES p99 ÷ term p99 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            ChainLatency.Round result = latency.round(jtis);
            if (!result.violations().isEmpty()) {
                System.out.println("FAILED: " + result.violations().size() + " chains answered wrongly, e.g. "
                        + result.violations().subList(0, Math.min(5, result.violations().size())));
                System.exit(1);
            }
            double[] row = {result.checked(), result.http().percentile(50), result.http().percentile(99),
                    result.notFound().percentile(50), result.notFound().percentile(99), result.elastic().percentile(50), result.elastic().percentile(99), result.term().percentile(50),
                    result.term().percentile(99), result.http().percentile(99) / result.term().percentile(99),
                    result.elastic().percentile(99) / result.term().percentile(99)};
            rows.add(row);
            System.out.println(line(Integer.toString(round), row, "%,.0f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f",
                    "%.1f", "%.1f", "%.1f", "%.1f"));
        }
        System.out.println(medians(rows, "%,.0f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f", "%.1f"));
        System.out.println("every chain answered 200 with its token, no missing ancestor, no hop beyond its parent's scopes");
    }

    private static void replay(QueryStack stack, int rounds) throws Exception {
        awaitIndexed(stack);
        Path dump = Files.createTempFile(Path.of(System.getProperty("user.dir"), "target"), "replay-dump", ".ndjson");
        try {
            ReplayRun replay = new ReplayRun(stack, dump);
            long events = replay.prepare();
            System.out.printf(Locale.ROOT, "%n## replay from scratch of %,d events (new consumer group, fresh indices)%n", events);
            List<double[]> rows = new ArrayList<>();
            System.out.println("| round | replay events/s | raw _bulk events/s (same documents) | replay ÷ bulk |");
            System.out.println("|---|---|---|---|");
            for (int round = 1; round <= rounds; round++) {
                double replayed = replay.replay(round);
                double bulk = replay.bulkLoad(round);
                double[] row = {replayed, bulk, replayed / bulk};
                rows.add(row);
                System.out.println(line(Integer.toString(round), row, "%,.0f", "%,.0f", "%.2f"));
            }
            System.out.println(medians(rows, "%,.0f", "%,.0f", "%.2f"));
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Waits until mandate-events holds as many documents as the event store has rows. */
    private static void awaitIndexed(QueryStack stack) throws Exception {
        long deadline = System.nanoTime() + Duration.ofHours(3).toNanos();
        long lastReport = 0;
        while (true) {
            long stored = storeRows(stack);
            long indexed = stack.elastic.status("HEAD", "/mandate-events") == 200 ? stack.elastic.count("mandate-events") : 0;
            if (indexed >= stored) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("mandate-events holds " + indexed + " of " + stored + " events after 3 h");
            }
            if (System.nanoTime() - lastReport > 15e9) {
                System.out.printf(Locale.ROOT, "waiting for the projection: %,d of %,d events indexed%n", indexed, stored);
                lastReport = System.nanoTime();
            }
            Thread.sleep(1_000);
        }
    }

    private static long storeRows(QueryStack stack) throws Exception {
        return single(stack, "SELECT COUNT(*) FROM domain_event_entry");
    }

    private static String postgres(QueryStack stack) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.stack.jdbcUrl(), stack.stack.jdbcUsername(), stack.stack.jdbcPassword());
             Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit')")) {
            result.next();
            return "PostgreSQL " + result.getString(1) + " fsync=" + result.getString(2) + " synchronous_commit=" + result.getString(3);
        }
    }

    private static long single(QueryStack stack, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.stack.jdbcUrl(), stack.stack.jdbcUsername(), stack.stack.jdbcPassword());
             Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static double loadAverageOneMinute() {
        String load = loadAverage();
        try {
            return Double.parseDouble(load.split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String line(String name, double[] values, String... formats) {
        StringBuilder line = new StringBuilder("| ").append(name).append(" |");
        for (int i = 0; i < values.length; i++) {
            line.append(' ').append(String.format(Locale.ROOT, formats[i], values[i])).append(" |");
        }
        return line.toString();
    }

    private static String medians(List<double[]> rows, String... formats) {
        double[] medians = new double[rows.get(0).length];
        for (int c = 0; c < medians.length; c++) {
            int column = c;
            medians[c] = Latencies.median(rows, row -> row[column]);
        }
        return line("**median**", medians, formats);
    }
}
