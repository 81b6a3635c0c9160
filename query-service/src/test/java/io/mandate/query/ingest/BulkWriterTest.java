package io.mandate.query.ingest;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkWriterTest {

    @Test
    void outcomeWhenAllCreatedThenAllApplied() {
        BulkWriter.Outcome outcome = outcomeOf(response(ok("e1"), ok("e2")));

        assertThat(outcome).isEqualTo(new BulkWriter.Outcome(2, 0, 0));
    }

    @Test
    void outcomeWhenVersionConflictThenCountedAsDuplicateNotFailure() {
        BulkWriter.Outcome outcome = outcomeOf(response(ok("e1"), failed("e2", 409, "version_conflict_engine_exception")));

        assertThat(outcome).isEqualTo(new BulkWriter.Outcome(1, 1, 0));
    }

    @Test
    void outcomeWhenDocumentRejectedThenSkippedSoThePartitionMovesOn() {
        BulkWriter.Outcome outcome = outcomeOf(response(failed("e1", 400, "document_parsing_exception"), ok("e2")));

        assertThat(outcome).isEqualTo(new BulkWriter.Outcome(1, 0, 1));
    }

    @Test
    void outcomeWhenTooManyRequestsThenTransientSoTheBatchIsRetried() {
        assertThatThrownBy(() -> outcomeOf(response(ok("e1"), failed("e2", 429, "es_rejected_execution_exception"))))
                .isInstanceOf(BulkWriter.TransientIndexingException.class)
                .hasMessageContaining("429");
    }

    @Test
    void outcomeWhenShardUnavailableThenTransient() {
        assertThatThrownBy(() -> outcomeOf(response(failed("e1", 503, "unavailable_shards_exception"))))
                .isInstanceOf(BulkWriter.TransientIndexingException.class);
    }

    @Test
    void outcomeWhenConditionalWriteConflictsThenTransientSoTheDocumentIsReRead() {
        BulkResponse response = response(ok("e1"), failed("c1", 409, "version_conflict_engine_exception"));

        assertThatThrownBy(() -> BulkWriter.outcomeOf(response, List.of(idempotent(), IndexWrite.conditional(anyOperation()))))
                .isInstanceOf(BulkWriter.TransientIndexingException.class)
                .hasMessageContaining("c1");
    }

    /** Every item of these responses stands for an idempotent write. */
    private static BulkWriter.Outcome outcomeOf(BulkResponse response) {
        return BulkWriter.outcomeOf(response, response.items().stream().map(item -> idempotent()).toList());
    }

    private static IndexWrite idempotent() {
        return IndexWrite.idempotent(anyOperation());
    }

    private static BulkOperation anyOperation() {
        return BulkOperation.of(b -> b.delete(d -> d.index("mandate-events").id("x")));
    }

    private static BulkResponse response(BulkResponseItem... items) {
        return BulkResponse.of(r -> r.errors(List.of(items).stream().anyMatch(i -> i.error() != null))
                .took(1).items(List.of(items)));
    }

    private static BulkResponseItem ok(String id) {
        return BulkResponseItem.of(i -> i.operationType(OperationType.Create).index("mandate-events").id(id).status(201));
    }

    private static BulkResponseItem failed(String id, int status, String type) {
        return BulkResponseItem.of(i -> i.operationType(OperationType.Create).index("mandate-events").id(id)
                .status(status).error(e -> e.type(type).reason("withheld")));
    }
}
