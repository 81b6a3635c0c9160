package io.mandate.query.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.query.web.BackendUnavailableException;
import io.mandate.query.web.InvalidParameterException;
import io.mandate.query.web.NotFoundException;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.mandate.query.web.FilterParameters.blankToNull;

/**
 * Compliance exports: the events of a time range, tamper-evident (hash chain + signed manifest; see
 * docs/export.md), streamed as they are read; the public keys that verify the manifests; each
 * export's manifest as a separate download; and the list of exports made (who exported what, when).
 */
@RestController
@RequestMapping("/api/exports")
@Tag(name = "exports")
class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);
    static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

    private final EventExporter exporter;
    private final ExportSigningKeys keys;
    private final ExportLedger ledger;

    ExportController(EventExporter exporter, ExportSigningKeys keys, ExportLedger ledger) {
        this.exporter = exporter;
        this.keys = keys;
        this.ledger = ledger;
    }

    /**
     * Written straight to the servlet response on the request thread (no async dispatch, hence no
     * async timeout cutting a long export): memory stays at one page of events whatever the range.
     */
    @GetMapping("/events")
    @SecurityRequirement(name = "basic")
    @Operation(summary = "Stream the events of [from, to) in event order as NDJSON or CSV, hash-chained, "
            + "ending with a signed manifest")
    void exportEvents(@Parameter(description = "inclusive start, ISO-8601 instant or date") @RequestParam(name = "from", required = false) String from,
                      @Parameter(description = "exclusive end, ISO-8601 instant or date") @RequestParam(name = "to", required = false) String to,
                      @Parameter(description = "ndjson (default) or csv") @RequestParam(name = "format", required = false) String format,
                      @RequestParam(name = "user", required = false) String user,
                      @Parameter(description = "the client involved (clientId or agentId)") @RequestParam(name = "client", required = false) String client,
                      @Parameter(description = "event types, comma-separated or repeated") @RequestParam(name = "type", required = false) List<String> type,
                      @RequestParam(name = "grantId", required = false) String grantId,
                      Authentication principal, HttpServletResponse response) throws IOException {
        ExportRequest request = ExportRequest.parse(from, to, format, user, client, type, grantId);
        EventExporter.Prepared export = exporter.prepare(request, principal.getName());
        String exportId = export.exportId();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(request.format().mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mandate-events-" + exportId + "."
                + request.format().extension() + "\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Mandate-Export-Id", exportId);
        response.setHeader(HttpHeaders.LINK, "</api/exports/" + exportId + "/manifest>; rel=\"describedby\"");
        try {
            export.writeTo(response.getOutputStream());
        } catch (IOException e) {
            // Writing failed: the client went away. Nothing more can be said to it.
            log.info("Export {} abandoned by the client: {}", exportId, e.getMessage());
        } catch (ExportInterruptedException e) {
            if (!response.isCommitted()) {
                // Nothing reached the client yet: still time for a clean 503 problem instead of a 200.
                response.reset();
                // The root cause, not e: exception handlers match causes too, and e's own handler below
                // would turn this back into a dropped connection.
                throw new BackendUnavailableException(e.getMessage(), e.getCause());
            }
            throw e;
        }
    }

    @GetMapping(value = "/jwks", produces = "application/jwk-set+json")
    @Operation(summary = "The public keys (JWKS, RFC 7517) that verify export manifests: the active key and retired ones")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().contentType(JWK_SET).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .body(keys.publicKeys().toJSONObject(true));
    }

    @GetMapping
    @SecurityRequirement(name = "basic")
    @Operation(summary = "The exports made, newest first: who asked for which range and filters, when, the outcome, "
            + "the record count and the first and last hash (the manifest itself: /api/exports/{exportId}/manifest)")
    ResultPage<ExportSummary> list(@RequestParam(name = "exporter", required = false) String exporter,
                                   @Parameter(description = "STARTED, COMPLETED or FAILED")
                                   @RequestParam(name = "status", required = false) String status,
                                   @RequestParam(name = "page", defaultValue = "0") int page,
                                   @RequestParam(name = "size", defaultValue = "20") int size) {
        ResultPage<ExportLedger.Entry> entries = ledger.list(blankToNull(exporter), status(status), new Paging(page, size));
        return new ResultPage<>(entries.items().stream().map(ExportSummary::of).toList(), entries.total());
    }

    @GetMapping("/{exportId}/manifest")
    @SecurityRequirement(name = "basic")
    @Operation(summary = "The signed manifest of a completed export, {\"manifest\": \"<compact JWS>\"}, "
            + "as on the export's last line")
    Map<String, String> manifest(@PathVariable("exportId") String exportId) {
        ExportLedger.Entry entry = ledger.find(exportId).orElseThrow(
                () -> new NotFoundException("No export " + exportId));
        if (entry.status() != ExportLedger.Status.COMPLETED || entry.manifest() == null) {
            throw new NotFoundException("Export " + exportId + " has no manifest: it is " + entry.status());
        }
        return Map.of("manifest", entry.manifest());
    }

    private static ExportLedger.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ExportLedger.Status.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "must be one of " + Arrays.toString(ExportLedger.Status.values()));
        }
    }

    /** One export as listed: its ledger entry without the manifest's JWS, with the link to download it. */
    record ExportSummary(String exportId, ExportLedger.Status status, String exporter, String format, Instant from,
                         Instant to, JsonNode filters, Instant requestedAt,
                         Instant completedAt, Long count, String firstHash, String lastHash, String failure,
                         String manifest) {

        static ExportSummary of(ExportLedger.Entry entry) {
            return new ExportSummary(entry.exportId(), entry.status(), entry.exporter(), entry.format(), entry.from(),
                    entry.to(), entry.filters(), entry.requestedAt(), entry.completedAt(), entry.count(),
                    entry.firstHash(), entry.lastHash(), entry.failure(),
                    entry.manifest() == null ? null : "/api/exports/" + entry.exportId() + "/manifest");
        }
    }

    /**
     * Lets a mid-stream failure escape the error handling that would append a problem document to
     * the half-sent body: the server then drops the connection (see {@link ExportInterruptedException}).
     */
    @ExceptionHandler(ExportInterruptedException.class)
    void interrupted(ExportInterruptedException e) {
        log.warn("Export interrupted: {}", e.getMessage());
        throw e;
    }
}
