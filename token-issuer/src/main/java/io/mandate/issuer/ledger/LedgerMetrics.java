package io.mandate.issuer.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger's meters: {@code mandate.ledger.batch.size} (entries per transaction),
 * {@code mandate.ledger.append} (enqueue to completion, tagged by outcome),
 * {@code mandate.ledger.queue.depth}, {@code mandate.ledger.batches.failed} and
 * {@code mandate.ledger.rejected} (queue full).
 */
final class LedgerMetrics {

    private final DistributionSummary batchSize;
    private final Timer recorded;
    private final Timer refused;
    private final Timer replayed;
    private final Timer failed;
    private final Counter failedBatches;
    private final Counter rejected;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Queue<?> queue;

    LedgerMetrics(MeterRegistry registry, Queue<?> queue) {
        this.queue = queue;
        batchSize = DistributionSummary.builder("mandate.ledger.batch.size")
                .description("Entries committed per ledger transaction (group commit)")
                .baseUnit("entries").publishPercentiles(0.5, 0.99).register(registry);
        recorded = appendTimer(registry, "recorded");
        refused = appendTimer(registry, "refused");
        replayed = appendTimer(registry, "assertion_replayed");
        failed = appendTimer(registry, "failed");
        failedBatches = Counter.builder("mandate.ledger.batches.failed")
                .description("Ledger transactions rolled back").register(registry);
        rejected = Counter.builder("mandate.ledger.rejected")
                .description("Appends refused because the ledger queue was full").register(registry);
        Gauge.builder("mandate.ledger.queue.depth", queue, Queue::size)
                .description("Appends waiting for a ledger batch").register(registry);
    }

    private static Timer appendTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("mandate.ledger.append")
                .description("From append to the entry's outcome (commit included)")
                .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(registry);
    }

    void batch(int size) {
        batches.incrementAndGet();
        entries.addAndGet(size);
        batchSize.record(size);
    }

    void batchFailed() {
        failures.incrementAndGet();
        failedBatches.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void completed(PendingAppend pending, Object result, long nowNanos) {
        Timer timer;
        if (result instanceof LedgerOutcome.Recorded) {
            timer = recorded;
        } else if (result instanceof LedgerOutcome.Refused) {
            timer = refused;
        } else if (result instanceof LedgerOutcome.AssertionReplayed) {
            timer = replayed;
        } else {
            timer = failed;
        }
        timer.record(nowNanos - pending.enqueuedNanos(), TimeUnit.NANOSECONDS);
    }

    LedgerStats stats() {
        return new LedgerStats(batches.get(), entries.get(), failures.get(), queue.size());
    }
}
