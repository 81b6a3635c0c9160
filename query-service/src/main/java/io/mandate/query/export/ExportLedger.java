package io.mandate.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.export.format.Manifest;
import io.mandate.query.index.ElasticsearchErrors;
import io.mandate.query.index.IndexInitializer;
import io.mandate.query.index.IndexReader;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import io.mandate.query.web.BackendUnavailableException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps one {@code mandate-exports} document per export: written when the export starts (who asked
 * for what), replaced when it completes (with the signed manifest, for the companion download) or
 * fails. Never holds an event's content.
 */
@Component
class ExportLedger {

    enum Status { STARTED, COMPLETED, FAILED }

    /** The stored document; null members are left out. */
    record Entry(String exportId, Status status, String exporter, String format, Instant from, Instant to,
                 JsonNode filters, Instant requestedAt, Instant completedAt, Long count, String firstHash,
                 String lastHash, String manifest, String failure) {
    }

    private final ElasticsearchClient client;
    private final IndexInitializer indices;
    private final IndexReader reader;

    ExportLedger(ElasticsearchClient client, IndexInitializer indices, IndexReader reader) {
        this.client = client;
        this.indices = indices;
        this.reader = reader;
    }

    /** Records who asked for what before anything is streamed; fails (and so refuses the export) when it cannot. */
    Entry started(String exportId, ExportRequest request, String exporter, Instant at) throws IOException {
        indices.ensureIndices();
        Entry entry = new Entry(exportId, Status.STARTED, exporter, request.format().parameterValue(), request.from(),
                request.to(), request.filtersJson(), at, null, null, null, null, null, null);
        write(entry);
        return entry;
    }

    void completed(Entry started, Manifest manifest, String jws, Instant at) throws IOException {
        write(new Entry(started.exportId(), Status.COMPLETED, started.exporter(), started.format(), started.from(),
                started.to(), started.filters(), started.requestedAt(), at, manifest.count(), manifest.firstHash(),
                manifest.lastHash(), jws, null));
    }

    void failed(Entry started, long count, String failure, Instant at) throws IOException {
        write(new Entry(started.exportId(), Status.FAILED, started.exporter(), started.format(), started.from(),
                started.to(), started.filters(), started.requestedAt(), at, count, null, null, null, failure));
    }

    /** The export's entry (a real-time get: readable as soon as written). */
    Optional<Entry> find(String exportId) {
        try {
            GetResponse<Entry> response = client.get(get -> get.index(ExportsIndex.DEFINITION.alias()).id(exportId),
                    Entry.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("reading export " + exportId + " failed: " + e.getMessage(), e);
        }
    }

    /** Exports newest first, optionally of one exporter and/or in one status (a search: refreshed within ~1 s). */
    ResultPage<Entry> list(String exporter, Status status, Paging paging) {
        BoolQuery.Builder filters = new BoolQuery.Builder();
        if (exporter != null) {
            filters.filter(f -> f.term(term -> term.field("exporter").value(exporter)));
        }
        if (status != null) {
            filters.filter(f -> f.term(term -> term.field("status").value(status.name())));
        }
        return reader.page(ExportsIndex.DEFINITION.alias(), Query.of(q -> q.bool(filters.build())),
                List.of(IndexReader.sortBy("requestedAt", SortOrder.Desc), IndexReader.sortBy("exportId", SortOrder.Asc)),
                paging, Entry.class, "exports");
    }

    private void write(Entry entry) throws IOException {
        client.index(index -> index.index(ExportsIndex.DEFINITION.alias()).id(entry.exportId()).document(entry));
    }
}
