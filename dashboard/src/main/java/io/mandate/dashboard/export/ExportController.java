package io.mandate.dashboard.export;

import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.queryapi.QueryServiceException;
import io.mandate.dashboard.web.QueryServiceErrors;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compliance exports for investigators: pick a range and filters, download the hash-chained file the
 * query-service streams (passed through as it arrives, never held in memory), then its signed manifest.
 * A POST, so it carries the CSRF token: an export is recorded in the query-service's export ledger.
 */
@Controller
class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);
    private static final Set<String> FORMATS = Set.of("ndjson", "csv");
    private static final Pattern EXPORT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    static final String SESSION_EXPORTS = ExportController.class.getName() + ".exports";

    private final QueryServiceClient queryService;
    private final Clock clock;

    ExportController(QueryServiceClient queryService, Clock clock) {
        this.queryService = queryService;
        this.clock = clock;
    }

    @GetMapping("/export")
    String form(Model model, HttpSession session) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        model.addAttribute("defaultFrom", today.minusDays(7));
        model.addAttribute("defaultTo", today.plusDays(1));
        model.addAttribute("exports", exports(session));
        return "export";
    }

    @PostMapping("/export")
    Object download(@RequestParam("from") String from, @RequestParam("to") String to,
                    @RequestParam(name = "format", defaultValue = "ndjson") String format,
                    @RequestParam(name = "user", required = false) String user,
                    @RequestParam(name = "client", required = false) String client,
                    @RequestParam(name = "type", required = false) List<String> types,
                    Authentication person, HttpSession session, HttpServletResponse response, Model model)
            throws IOException {
        if (!FORMATS.contains(format)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return refused(model, session, "Choose NDJSON or CSV.");
        }
        try {
            queryService.stream(uri -> {
                uri.path("/api/exports/events").queryParam("from", from).queryParam("to", to)
                        .queryParam("format", format);
                if (user != null && !user.isBlank()) {
                    uri.queryParam("user", user.strip());
                }
                if (client != null && !client.isBlank()) {
                    uri.queryParam("client", client.strip());
                }
                if (types != null) {
                    types.stream().filter(t -> !t.isBlank()).forEach(t -> uri.queryParam("type", t));
                }
                return uri.build();
            }, (headers, body) -> {
                String exportId = headers.getFirst("X-Mandate-Export-Id");
                remember(session, exportId);
                response.setContentType(headers.getContentType() == null ? "application/octet-stream"
                        : headers.getContentType().toString());
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("mandate-export-" + exportId + "." + format).build().toString());
                response.setHeader("X-Mandate-Export-Id", exportId);
                StreamUtils.copy(body, response.getOutputStream());
                response.flushBuffer();
            });
            log.info("{} exported events [{}, {}) as {}", person.getName(), from, to, format);
            return null;
        } catch (QueryServiceException e) {
            if (response.isCommitted()) {
                // Already streaming: the file ends early and its manifest is missing, which the verifier reports.
                log.warn("Export interrupted while streaming: {}", e.getMessage());
                return null;
            }
            response.setStatus(switch (e.reason()) {
                case REJECTED -> HttpStatus.BAD_REQUEST.value();
                case FORBIDDEN -> HttpStatus.FORBIDDEN.value();
                case UNREACHABLE -> HttpStatus.SERVICE_UNAVAILABLE.value();
                default -> HttpStatus.BAD_GATEWAY.value();
            });
            return refused(model, session, QueryServiceErrors.sentence(e));
        }
    }

    @GetMapping("/export/{exportId}/manifest")
    ResponseEntity<byte[]> manifest(@PathVariable("exportId") String exportId) {
        if (!EXPORT_ID.matcher(exportId).matches()) {
            return ResponseEntity.badRequest().build();
        }
        String manifest = queryService.get(io.mandate.dashboard.queryapi.Caller.READER,
                uri -> uri.path("/api/exports/{id}/manifest").build(exportId), String.class);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("mandate-export-" + exportId + ".manifest.json").build().toString())
                .body(manifest.getBytes(StandardCharsets.UTF_8));
    }

    private String refused(Model model, HttpSession session, String message) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        model.addAttribute("defaultFrom", today.minusDays(7));
        model.addAttribute("defaultTo", today.plusDays(1));
        model.addAttribute("exports", exports(session));
        model.addAttribute("error", message);
        return "export";
    }

    @SuppressWarnings("unchecked")
    private static List<String> exports(HttpSession session) {
        Object list = session.getAttribute(SESSION_EXPORTS);
        return list == null ? List.of() : List.copyOf((List<String>) list);
    }

    private static void remember(HttpSession session, String exportId) {
        List<String> list = new ArrayList<>(exports(session));
        list.add(0, exportId);
        session.setAttribute(SESSION_EXPORTS, List.copyOf(list.subList(0, Math.min(list.size(), 20))));
    }
}
