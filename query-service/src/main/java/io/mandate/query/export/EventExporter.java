package io.mandate.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.export.format.ChainedExportWriter;
import io.mandate.export.format.HashChain;
import io.mandate.export.format.Manifest;
import io.mandate.export.format.ManifestJws;
import io.mandate.query.web.BackendUnavailableException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Streams the events of a range, in export order, through the hash chain into the response, then
 * signs the manifest. Two steps, so every failure that can still be a clean HTTP answer happens in
 * {@link #prepare} (before the first byte), and {@link Prepared#writeTo} only streams.
 */
@Component
class EventExporter {

    /** Who exported what: a dedicated logger, so operators can route it to their audit trail. */
    private static final Logger audit = LoggerFactory.getLogger("mandate.audit.export");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ElasticsearchClient client;
    private final ExportSigningKeys keys;
    private final ExportLedger ledger;
    private final ExportProperties properties;
    private final Clock clock;
    /** Reads the next page while the current one is hashed and written: Elasticsearch and the chain overlap. */
    private final ExecutorService prefetch = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "export-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    EventExporter(ElasticsearchClient client, ExportSigningKeys keys, ExportLedger ledger, ExportProperties properties,
                  Clock clock) {
        this.client = client;
        this.keys = keys;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        prefetch.shutdownNow();
    }

    /**
     * Records the request and opens the snapshot the export reads.
     *
     * @throws BackendUnavailableException when Elasticsearch cannot be reached (a 503, nothing streamed)
     */
    Prepared prepare(ExportRequest request, String exporter) {
        String exportId = "exp_" + randomId();
        try {
            ExportLedger.Entry started = ledger.started(exportId, request, exporter, clock.instant());
            EventScan scan = EventScan.open(client, ExportsIndex.EVENTS_ALIAS, query(request), properties.pageSize());
            audit.info("export {} started by {}: {}", exportId, exporter, request);
            return new Prepared(request, started, scan, clock.instant());
        } catch (IOException e) {
            throw new BackendUnavailableException("starting export " + exportId + " failed: " + e.getMessage(), e);
        }
    }

    /** Events in {@code [from, to)} matching every given filter. */
    static Query query(ExportRequest request) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.range(range -> range.date(date -> date.field("occurredAt")
                .gte(request.from().toString()).lt(request.to().toString())))));
        if (request.user() != null) {
            filters.add(term("userId", request.user()));
        }
        if (request.client() != null) {
            // The client involved: as the holder/subject of the event, or as the grant's agent.
            filters.add(Query.of(q -> q.bool(bool -> bool.minimumShouldMatch("1")
                    .should(term("clientId", request.client())).should(term("agentId", request.client())))));
        }
        if (!request.types().isEmpty()) {
            filters.add(Query.of(q -> q.terms(terms -> terms.field("type")
                    .terms(values -> values.value(request.types().stream().map(FieldValue::of).toList())))));
        }
        if (request.grantId() != null) {
            filters.add(term("grantId", request.grantId()));
        }
        return Query.of(q -> q.bool(bool -> bool.filter(filters)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(term -> term.field(field).value(value)));
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An export whose snapshot is open: {@link #writeTo} streams it once. */
    final class Prepared {

        private final ExportRequest request;
        private final ExportLedger.Entry started;
        private final EventScan scan;
        private final Instant exportedAt;
        private final String genesis;

        private Prepared(ExportRequest request, ExportLedger.Entry started, EventScan scan, Instant exportedAt) {
            this.request = request;
            this.started = started;
            this.scan = scan;
            this.exportedAt = exportedAt;
            this.genesis = HashChain.genesis(Manifest.parameters(started.exportId(), request.from().toString(),
                    request.to().toString(), request.filtersJson()));
        }

        String exportId() {
            return started.exportId();
        }

        /**
         * Streams every record, then the signed manifest, into {@code out}.
         *
         * @throws IOException                 the client went away (writing failed)
         * @throws ExportInterruptedException reading the events failed mid-stream
         */
        void writeTo(OutputStream out) throws IOException {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            ChainedExportWriter chain = new ChainedExportWriter(request.format(), writer, genesis);
            Future<List<Hit<ObjectNode>>> next = null;
            try (scan) {
                chain.begin();
                // At most two pages in memory: the one being written and the one being read.
                List<Hit<ObjectNode>> page = nextPage();
                while (!page.isEmpty()) {
                    next = prefetch.submit(this::nextPage);
                    for (Hit<ObjectNode> hit : page) {
                        chain.append(hit.source());
                    }
                    page = await(next);
                }
                Manifest manifest = new Manifest(exportId(), properties.issuer(), started.exporter(),
                        request.format().parameterValue(), request.from().toString(), request.to().toString(),
                        request.filtersJson(), exportedAt.toString(), clock.instant().toString(), genesis,
                        chain.count(), chain.firstHash(), chain.lastHash());
                String jws = ManifestJws.sign(manifest, keys.signingKey());
                chain.end(jws);
                audit.info("export {} by {} completed: {} records, last hash {}", exportId(), started.exporter(),
                        chain.count(), chain.lastHash());
                recordCompletion(manifest, jws);
            } catch (IOException | RuntimeException e) {
                audit.warn("export {} by {} failed after {} records: {}", exportId(), started.exporter(), chain.count(),
                        e.getMessage());
                recordFailure(chain.count(), e);
                throw e;
            } finally {
                if (next != null) {
                    next.cancel(true);
                }
            }
        }

        private List<Hit<ObjectNode>> await(Future<List<Hit<ObjectNode>>> page) {
            try {
                return page.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof ExportInterruptedException interrupted ? interrupted
                        : new ExportInterruptedException("reading the events of export " + exportId() + " failed",
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExportInterruptedException("export " + exportId() + " was interrupted", e);
            }
        }

        private List<Hit<ObjectNode>> nextPage() {
            try {
                return scan.nextPage();
            } catch (IOException | ElasticsearchException e) {
                throw new ExportInterruptedException("reading the events of export " + exportId() + " failed", e);
            }
        }

        private void recordCompletion(Manifest manifest, String jws) {
            try {
                ledger.completed(started, manifest, jws, clock.instant());
            } catch (IOException | RuntimeException e) {
                // The export itself is complete and carries its manifest; only the companion download is lost.
                audit.warn("export {}: its manifest could not be stored for download: {}", exportId(), e.getMessage());
            }
        }

        private void recordFailure(long count, Exception failure) {
            try {
                ledger.failed(started, count, failure.getClass().getSimpleName(), clock.instant());
            } catch (IOException | RuntimeException e) {
                audit.warn("export {}: its failure could not be recorded: {}", exportId(), e.getMessage());
            }
        }
    }
}
