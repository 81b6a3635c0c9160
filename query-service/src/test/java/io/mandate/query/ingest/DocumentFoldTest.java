package io.mandate.query.ingest;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentFoldTest {

    /** Folds the sequences seen per grant into a list; fails on a poison event. */
    private final DocumentFold.Rules<List<Long>> rules = new DocumentFold.Rules<>() {
        @Override
        public String alias() {
            return "test";
        }

        @SuppressWarnings("unchecked")
        @Override
        public Class<List<Long>> documentType() {
            return (Class<List<Long>>) (Class<?>) List.class;
        }

        @Override
        public Optional<String> documentId(EventEnvelope envelope) {
            return envelope.payload() instanceof GrantCreated created ? Optional.of(created.userId().value()) : Optional.empty();
        }

        @Override
        public List<Long> apply(List<Long> current, EventEnvelope envelope) {
            if (envelope.sequence() == 99) {
                throw new IllegalStateException("poison");
            }
            List<Long> next = current == null ? new ArrayList<>() : new ArrayList<>(current);
            if (!next.contains(envelope.sequence())) {
                next.add(envelope.sequence());
            }
            return next;
        }

        @Override
        public IndexWrite write(String id, List<Long> document, Optional<DocumentFold.Stored<List<Long>>> read) {
            return IndexWrite.conditional(BulkOperation.of(b -> b.index(i -> i.index("test").id(id).document(document))));
        }
    };

    @Test
    void foldWhenSeveralEventsOfOneDocumentInABatchThenOneWriteWithAllOfThemInOrder() {
        GrantCreated a = TestGrants.aGrantCreated();
        GrantCreated b = TestGrants.aGrantCreated();
        List<EventEnvelope> batch = List.of(event(a, 0), event(b, 0), event(a, 1), event(a, 2));

        List<IndexWrite> writes = DocumentFold.fold(DocumentFold.byDocument(batch, rules), rules, Map.of());

        assertThat(writes).hasSize(2);
        assertThat(writes.get(0).operation().index().id()).isEqualTo(a.userId().value());
        assertThat(writes.get(0).operation().index().document()).isEqualTo(List.of(0L, 1L, 2L));
        assertThat(writes.get(1).operation().index().document()).isEqualTo(List.of(0L));
    }

    @Test
    void foldWhenNothingChangesThenNoWrite() {
        GrantCreated a = TestGrants.aGrantCreated();
        Map<String, DocumentFold.Stored<List<Long>>> stored =
                Map.of(a.userId().value(), new DocumentFold.Stored<>(List.of(0L, 1L), 2, 5, 1));

        List<IndexWrite> writes = DocumentFold.fold(
                DocumentFold.byDocument(List.of(event(a, 1), event(a, 0)), rules), rules, stored);

        assertThat(writes).isEmpty();
    }

    @Test
    void foldWhenOneEventFailsThenItIsSkippedAndTheOthersApply() {
        GrantCreated a = TestGrants.aGrantCreated();

        List<IndexWrite> writes = DocumentFold.fold(
                DocumentFold.byDocument(List.of(event(a, 0), event(a, 99), event(a, 1)), rules), rules, Map.of());

        assertThat(writes).singleElement()
                .satisfies(write -> assertThat(write.operation().index().document()).isEqualTo(List.of(0L, 1L)));
    }

    private static EventEnvelope event(MandateEvent payload, long sequence) {
        return TestGrants.envelopeOf(payload, sequence, Instant.parse("2026-11-28T12:00:00Z"));
    }
}
