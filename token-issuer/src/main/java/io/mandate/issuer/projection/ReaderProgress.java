package io.mandate.issuer.projection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How the Kafka side of the projection is doing, written by the reader thread and read by the
 * health indicator and the admin view; kept apart from the reader so those never touch Kafka.
 */
final class ReaderProgress {

    private final AtomicLong recordsSkipped = new AtomicLong();
    private volatile int partitions;
    private volatile String lastError;

    void reading(int assignedPartitions) {
        partitions = assignedPartitions;
        lastError = null;
    }

    void failed(String error) {
        lastError = error;
    }

    void recordSkipped() {
        recordsSkipped.incrementAndGet();
    }

    int partitions() {
        return partitions;
    }

    /** Why the last attempt to read Kafka failed, or null while reading works. */
    String lastError() {
        return lastError;
    }

    long recordsSkipped() {
        return recordsSkipped.get();
    }
}
