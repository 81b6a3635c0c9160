package io.mandate.system.generator;

import io.mandate.messages.MandateEvent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a realistic delegation history through the real pipeline (docs/generator.md): clients, grants and
 * revocations through the command-service's API; the token endpoint's events (exchanges along chains up to
 * depth 5, refusals, client-credentials tokens) appended to the shared event store in the token-issuer's ledger
 * format, group-committed, paced to a rate. From the store the command-service's {@code kafka-publisher}
 * publishes everything to Kafka and the query-service projects it into Elasticsearch. Not a test:
 *
 * <pre>./mvnw -B -q -pl system-tests -Pgenerate test-compile exec:java -Dgen.events=1000000 -Dgen.rate=2000</pre>
 */
public final class EventGenerator implements AutoCloseable {

    /** Told of each batch once it is committed: its event ids and the wall-clock instant of the commit. */
    public interface CommitListener {
        void committed(List<String> eventIds, long committedAtMillis);
    }

    /** One paced phase: ledger events written, how long it took, the rate achieved, the largest batch. */
    public record Phase(long events, double seconds, int largestBatch) {
        public double rate() {
            return events / seconds;
        }
    }

    private static final int MAX_BATCH = 5_000;

    private final GeneratorStats stats;
    private final LedgerAppender ledger;
    private final TrafficMix mix;
    private final long startIndex;
    private final int tickMillis;
    private final int revocationEvery;
    private long sinceRevocation;

    private EventGenerator(GeneratorStats stats, LedgerAppender ledger, TrafficMix mix, long startIndex, int tickMillis) {
        this.stats = stats;
        this.ledger = ledger;
        this.mix = mix;
        this.startIndex = startIndex;
        this.tickMillis = tickMillis;
        this.revocationEvery = Integer.getInteger("gen.revocationEvery", 2_000);
    }

    public static void main(String[] args) throws Exception {
        GeneratorSettings settings = GeneratorSettings.fromSystemProperties();
        System.out.println("generator: " + settings.describe());
        try (EventGenerator generator = prepare(settings)) {
            Phase phase = generator.run(Math.max(0, settings.events() - generator.written()), settings.rate(), null);
            System.out.printf(Locale.ROOT, "wrote %,d ledger events in %.1f s (%,.0f/s; largest batch %,d)%n", phase.events(),
                    phase.seconds(), phase.rate(), phase.largestBatch());
            System.out.println(generator.summary());
        }
        System.exit(0);
    }

    /** Registers the population through the command API; then {@link #run} writes the traffic. */
    public static EventGenerator prepare(GeneratorSettings settings) throws Exception {
        Random random = new Random(settings.seed());
        GeneratorStats stats = new GeneratorStats();
        LedgerAppender ledger = new LedgerAppender(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        long startIndex = ledger.lastGlobalIndex();
        CommandApi api = new CommandApi(settings.commandUrl(), settings.adminPassword(), settings.responderPassword());
        long start = System.nanoTime();
        Population population = Population.register(settings, api, random, stats);
        System.out.printf(Locale.ROOT, "population (run %s) through the command API in %.1f s: %d resource servers, %d agents, "
                        + "%d MCP servers, %d users, %d grants%n", population.run, (System.nanoTime() - start) / 1e9,
                population.resources.size(), population.agents.size(), population.mcpServers.size(),
                population.users.size(), population.grants.size());
        return new EventGenerator(stats, ledger, new TrafficMix(population, api, random, stats), startIndex,
                settings.tickMillis());
    }

    /**
     * Writes {@code events} more ledger events at {@code rate} per second: each tick, what is due since the
     * phase began (so a slow tick is caught up, not lost), as one transaction; a revocation every
     * {@code gen.revocationEvery} events (default 2,000) between ticks.
     */
    public Phase run(long events, int rate, CommitListener listener) throws Exception {
        return run(events, rate, listener, true);
    }

    /**
     * Ledger events only, no revocation: what a backlog needs when the command-service is stopped (a drain
     * benchmark writes the store first, then starts the publisher). Its events count towards no revocation.
     */
    public Phase runWithoutRevocations(long events, int rate) throws Exception {
        return run(events, rate, null, false);
    }

    private Phase run(long events, int rate, CommitListener listener, boolean revocations) throws Exception {
        long start = System.nanoTime();
        long written = 0;
        int largest = 0;
        while (written < events) {
            long elapsed = System.nanoTime() - start;
            long due = Math.min(events, (long) (rate * (elapsed / 1e9))) - written;
            if (due <= 0) {
                LockSupport.parkNanos(tickMillis * 1_000_000L);
                continue;
            }
            int size = (int) Math.min(due, MAX_BATCH);
            Instant now = Instant.now();
            List<MandateEvent> batch = mix.tick(size, now.toEpochMilli(), now);
            List<String> ids = ledger.append(batch, now);
            long committedAt = System.currentTimeMillis();
            batch.forEach(event -> stats.ledgerEvent(event.getClass().getSimpleName()));
            if (listener != null) {
                listener.committed(ids, committedAt);
            }
            written += batch.size();
            largest = Math.max(largest, batch.size());
            sinceRevocation += revocations ? batch.size() : 0;
            while (sinceRevocation >= revocationEvery) { // a large catch-up batch owes several
                sinceRevocation -= revocationEvery;
                mix.revokeSomething();
            }
        }
        return new Phase(written, (System.nanoTime() - start) / 1e9, largest);
    }

    /** Events written so far, the command side's included (its cascades are counted by {@link #rowsWritten}). */
    public long written() {
        return stats.written();
    }

    /** Rows this generator's run added to the event store, exactly: ledger rows, command events and cascades. */
    public long rowsWritten() throws Exception {
        return ledger.rowsAfter(startIndex);
    }

    public String summary() throws Exception {
        return String.format(Locale.ROOT, "event store rows since the start: %,d; %s; hops still pending: %d", rowsWritten(),
                stats.describe(), mix.pendingHops());
    }

    @Override
    public void close() throws Exception {
        ledger.close();
    }
}
