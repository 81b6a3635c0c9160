package io.mandate.issuer.projection;

import io.mandate.messages.id.GrantId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.MalformedEventException;
import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.mandate.issuer.projection.TestGrants.aGrantCreated;
import static io.mandate.issuer.projection.TestGrants.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class EventRecordHandlerTest {

    private final EventCodec codec = new EventCodec();
    private final IssuerProjection projection = new IssuerProjection();
    private final ReaderProgress progress = new ReaderProgress();
    private final EventRecordHandler handler = new EventRecordHandler(codec, projection, progress);
    private long offset;

    @Test
    void handleWhenRecordIsAGrantCreatedEnvelopeThenProjected() {
        GrantId grantId = GrantId.random();

        handler.handle(record(codec.encode(envelope(aGrantCreated(grantId), 0))));

        assertThat(projection.findGrant(grantId)).isPresent();
        assertThat(progress.recordsSkipped()).isZero();
    }

    @Test
    void handleWhenRecordIsNotJsonThenSkippedAndLaterRecordsStillApplied() {
        GrantId grantId = GrantId.random();

        assertThatNoException().isThrownBy(() -> handler.handle(record("{not json".getBytes(StandardCharsets.UTF_8))));
        handler.handle(record(codec.encode(envelope(aGrantCreated(grantId), 0))));

        assertThat(progress.recordsSkipped()).isEqualTo(1);
        assertThat(projection.findGrant(grantId)).isPresent();
    }

    @Test
    void handleWhenEventTypeUnknownOrValueMissingThenSkipped() {
        byte[] unknownType = """
                {"eventId":"e1","type":"SomethingElse","revision":1,"aggregateId":"a","sequence":0,
                 "occurredAt":"2026-11-28T10:00:00Z","payload":{}}""".getBytes(StandardCharsets.UTF_8);

        handler.handle(record(unknownType));
        handler.handle(record(null));

        assertThat(progress.recordsSkipped()).isEqualTo(2);
        assertThat(projection.grantCount()).isZero();
    }

    @Test
    void handleWhenPayloadInvalidThenSkipped() {
        byte[] blankUser = """
                {"eventId":"e1","type":"GrantCreated","revision":1,"aggregateId":"grt_1","sequence":0,
                 "occurredAt":"2026-11-28T10:00:00Z","payload":{"grantId":"grt_1","userId":" "}}"""
                .getBytes(StandardCharsets.UTF_8);

        handler.handle(record(blankUser));

        assertThat(progress.recordsSkipped()).isEqualTo(1);
        assertThat(projection.grantCount()).isZero();
    }

    @Test
    void reasonWhenCodecMessageQuotesPayloadThenOnlyTheLeadingReasonIsKept() {
        MalformedEventException e = new MalformedEventException(
                "invalid GrantCreated: Cannot deserialize value from \"secret-ish content\"", null);

        assertThat(EventRecordHandler.reason(e)).isEqualTo("invalid GrantCreated");
    }

    @Test
    void reasonWhenMessageHasControlCharactersThenTheyCannotForgeLogLines() {
        MalformedEventException e = new MalformedEventException("unknown event type X\nFAKE LOG LINE", null);

        assertThat(EventRecordHandler.reason(e)).doesNotContain("\n").startsWith("unknown event type X");
    }

    private ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.GRANTS, 0, offset++, "key", value);
    }
}
