package io.mandate.issuer.projection;

import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Kafka record into a projection update. A record that cannot be decoded or applied
 * is logged by position only (never its content, which may be anything) and skipped: one bad
 * record must not stop the issuer from learning about every later grant and revocation.
 */
final class EventRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(EventRecordHandler.class);
    private static final int MAX_REASON_LENGTH = 120;

    private final EventCodec codec;
    private final IssuerProjection projection;
    private final ReaderProgress progress;

    EventRecordHandler(EventCodec codec, IssuerProjection projection, ReaderProgress progress) {
        this.codec = codec;
        this.projection = projection;
        this.progress = progress;
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            skip(record, "record without value");
            return;
        }
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (MalformedEventException e) {
            skip(record, reason(e));
            return;
        }
        try {
            projection.apply(envelope);
        } catch (RuntimeException e) {
            // Skipping beats retrying: a record that fails once fails forever (a poison pill).
            skip(record, "could not be applied (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        progress.recordSkipped();
        log.warn("Skipped record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }

    /**
     * The codec's reason without what follows a colon: Jackson and validation messages there may
     * quote the payload. Control characters go too, so a record cannot forge log lines.
     */
    static String reason(MalformedEventException e) {
        String message = e.getMessage() == null ? "malformed" : e.getMessage();
        int colon = message.indexOf(':');
        String reason = colon < 0 ? message : message.substring(0, colon);
        reason = reason.replaceAll("\\p{Cntrl}", "?");
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "..." : reason;
    }
}
