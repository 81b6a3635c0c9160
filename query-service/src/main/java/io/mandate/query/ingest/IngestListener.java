package io.mandate.query.ingest;

import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.MalformedEventException;
import io.mandate.query.index.IndexInitializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Projects every Mandate event from Kafka into Elasticsearch, one bulk request per polled batch.
 * Offsets are acknowledged only after Elasticsearch accepted the batch's writes (at-least-once);
 * when it did not, the exception makes the container retry the same batch with back-off.
 */
@Component
class IngestListener {

    static final String LISTENER_ID = "mandate-ingest";
    private static final Logger log = LoggerFactory.getLogger(IngestListener.class);
    private static final int MAX_REASON_LENGTH = 200;

    private final EventCodec codec = new EventCodec();
    private final List<Projection> projections;
    private final IndexInitializer indices;
    private final BulkWriter writer;
    private final IngestStats stats;

    IngestListener(List<Projection> projections, IndexInitializer indices, BulkWriter writer, IngestStats stats) {
        this.projections = List.copyOf(projections);
        this.indices = indices;
        this.writer = writer;
        this.stats = stats;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "#{T(io.mandate.messages.wire.Topics).ALL}")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment) throws IOException {
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record).ifPresent(envelopes::add);
        }
        try {
            // Before projecting: folded read models read their documents first.
            indices.ensureIndices();
            List<IndexWrite> writes = new ArrayList<>();
            for (Projection projection : projections) {
                writes.addAll(project(projection, envelopes));
            }
            BulkWriter.Outcome outcome = writer.write(writes);
            stats.batchIndexed(outcome.applied(), outcome.duplicates(), envelopes.stream()
                    .map(EventEnvelope::occurredAt).max(Comparator.naturalOrder()).orElse(null));
        } catch (IOException | RuntimeException e) {
            stats.batchFailed(e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
        acknowledgment.acknowledge();
    }

    private Optional<EventEnvelope> decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            skip(record, "record has no value");
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(record.value()));
        } catch (MalformedEventException e) {
            skip(record, safeReason(e));
            return Optional.empty();
        }
    }

    private List<IndexWrite> project(Projection projection, List<EventEnvelope> envelopes) throws IOException {
        try {
            return projection.operationsFor(envelopes);
        } catch (BulkWriter.TransientIndexingException e) {
            throw e;
        } catch (RuntimeException e) {
            // Projections skip single bad events themselves; this is a bug outside that loop. Stalling
            // every partition on it would stop the whole query side: skip, fix, then replay.
            log.error("Projection {} failed on a batch of {} events; its writes for them are skipped",
                    projection.getClass().getSimpleName(), envelopes.size(), e);
            stats.recordSkipped();
            return List.of();
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        log.warn("Skipping malformed record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        stats.recordSkipped();
    }

    /** Keeps what was wrong and drops what the record said: parser messages may quote payload values. */
    private static String safeReason(MalformedEventException e) {
        String reason = String.valueOf(e.getMessage());
        int colon = reason.indexOf(':');
        if (colon > 0) {
            reason = reason.substring(0, colon);
        }
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason;
    }
}
