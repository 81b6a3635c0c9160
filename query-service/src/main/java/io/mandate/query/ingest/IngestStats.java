package io.mandate.query.ingest;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the ingest loop, shown in the health details so an operator can see it is moving. */
@Component
class IngestStats {

    private final Clock clock;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skippedRecords = new AtomicLong();
    private final AtomicReference<Instant> lastBatchAt = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    IngestStats(Clock clock) {
        this.clock = clock;
    }

    void batchIndexed(long writeCount, long duplicateCount) {
        writes.addAndGet(writeCount);
        duplicates.addAndGet(duplicateCount);
        lastBatchAt.set(clock.instant());
        lastFailure.set(null);
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
        if (lastFailure.get() != null) {
            details.put("lastFailure", lastFailure.get());
        }
        return details;
    }
}
