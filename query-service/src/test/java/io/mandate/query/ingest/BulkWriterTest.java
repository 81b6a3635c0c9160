package io.mandate.query.ingest;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkWriterTest {

    @Test
    void outcomeWhenAllCreatedThenAllApplied() {
        BulkWriter.Outcome outcome = BulkWriter.outcomeOf(response(ok("e1"), ok("e2")));

        assertThat(outcome).isEqualTo(new BulkWriter.Outcome(2, 0, 0));
    }

    @Test
    void outcomeWhenVersionConflictThenCountedAsDuplicateNotFailure() {
        BulkWriter.Outcome outcome = BulkWriter.outcomeOf(response(ok("e1"), failed("e2", 409, "version_conflict_engine_exception")));

        assertThat(outcome).isEqualTo(new BulkWriter.Outcome(1, 1, 0));
    }

    @Test
    void outcomeWhenDocumentRejectedThenSkippedSoThePartitionMovesOn() {
        BulkWriter.Outcome outcome = BulkWriter.outcomeOf(response(failed("e1", 400, "document_parsing_exception"), ok("e2")));

        assertThat(outcome).isEqualTo(new BulkWriter.Outcome(1, 0, 1));
    }

    @Test
    void outcomeWhenTooManyRequestsThenTransientSoTheBatchIsRetried() {
        assertThatThrownBy(() -> BulkWriter.outcomeOf(response(ok("e1"), failed("e2", 429, "es_rejected_execution_exception"))))
                .isInstanceOf(BulkWriter.TransientIndexingException.class)
                .hasMessageContaining("429");
    }

    @Test
    void outcomeWhenShardUnavailableThenTransient() {
        assertThatThrownBy(() -> BulkWriter.outcomeOf(response(failed("e1", 503, "unavailable_shards_exception"))))
                .isInstanceOf(BulkWriter.TransientIndexingException.class);
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
