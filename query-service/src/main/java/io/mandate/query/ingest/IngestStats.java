package io.mandate.query.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the ingest loop, shown in the health details so an operator can see it is moving. */
@Component
class IngestStats {

    static final String AGE_METER = "mandate.projection.last.applied.age";

    private final Clock clock;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skippedRecords = new AtomicLong();
    private final AtomicReference<Instant> lastBatchAt = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastAppliedEventAt = new AtomicReference<>();

    IngestStats(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        Gauge.builder(AGE_METER, this, stats -> stats.lastAppliedEventAge().map(age -> age.toMillis() / 1000.0)
                        .orElse(Double.NaN))
                .baseUnit("seconds")
                .description("Age of the newest event the projection has applied (occurredAt to now)")
                .register(registry);
    }

    /**
     * @param newestOccurredAt the latest {@code occurredAt} among the batch's events, or {@code null}
     *                         for a batch with none (only malformed records)
     */
    void batchIndexed(long writeCount, long duplicateCount, Instant newestOccurredAt) {
        writes.addAndGet(writeCount);
        duplicates.addAndGet(duplicateCount);
        lastBatchAt.set(clock.instant());
        lastFailure.set(null);
        if (newestOccurredAt != null) {
            // The newest ever applied: a replayed older event does not make the projection look older.
            lastAppliedEventAt.accumulateAndGet(newestOccurredAt,
                    (current, candidate) -> current == null || candidate.isAfter(current) ? candidate : current);
        }
    }

    /** How long ago the newest applied event happened; while the lag is 0 this is quiet time, not delay. */
    Optional<Duration> lastAppliedEventAge() {
        Instant at = lastAppliedEventAt.get();
        return at == null ? Optional.empty() : Optional.of(Duration.between(at, clock.instant()));
    }

    void recordSkipped() {
        skippedRecords.incrementAndGet();
    }

    void batchFailed(String reason) {
        lastFailure.set(reason);
    }

    Map<String, Object> asDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("writes", writes.get());
        details.put("duplicates", duplicates.get());
        details.put("skippedRecords", skippedRecords.get());
        details.put("lastBatchAt", lastBatchAt.get() == null ? "never" : lastBatchAt.get().toString());
        details.put("lastAppliedEventAt", lastAppliedEventAt.get() == null ? "never" : lastAppliedEventAt.get().toString());
        lastAppliedEventAge().ifPresent(age -> details.put("lastAppliedEventAgeSeconds", age.toSeconds()));
        if (lastFailure.get() != null) {
            details.put("lastFailure", lastFailure.get());
        }
        return details;
    }
}
