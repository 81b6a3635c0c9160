package io.mandate.dashboard.revoke;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.queryapi.QueryServiceException;
import io.mandate.dashboard.web.QueryServiceErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One-click revocation, for responders (the security configuration refuses everyone else, and the
 * query-service refuses the read-only credential their sessions carry): first what it would cut, then
 * the revocation itself with a reason. The query-service records its responder service account as
 * {@code revokedBy}; the person who clicked is named at the start of the recorded reason.
 */
@RestController
class RevokeController {

    private static final Logger log = LoggerFactory.getLogger(RevokeController.class);
    private static final Set<String> KINDS = Set.of("agent", "user", "grant", "token");
    private static final int MAX_REASON = 300;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final QueryServiceClient queryService;

    RevokeController(QueryServiceClient queryService) {
        this.queryService = queryService;
    }

    /** What the dialog sends: the reason, and a key it made when it opened, so a retry never revokes twice. */
    record Request(String reason, String key) {
    }

    @GetMapping("/revoke/{kind}/{id}/blast-radius")
    Api.BlastRadius blastRadius(@PathVariable("kind") String kind, @PathVariable("id") String id,
                                Authentication person) {
        String parameter = kind(kind);
        return queryService.get(Caller.of(person), uri -> uri.path("/api/blast-radius").queryParam(parameter, id)
                .build(), Api.BlastRadius.class);
    }

    @PostMapping("/revoke/{kind}/{id}")
    ResponseEntity<Api.ActionResult> revoke(@PathVariable("kind") String kind, @PathVariable("id") String id,
                                            @RequestBody Request request, Authentication person) {
        String path = kind(kind);
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("Give a reason of 1 to " + MAX_REASON + " characters: it is recorded "
                    + "with the revocation.");
        }
        Map<String, String> headers = request.key() != null && KEY.matcher(request.key()).matches()
                ? Map.of("Idempotency-Key", "console-" + request.key()) : Map.of();
        String recorded = recordedReason(person.getName(), reason);
        Api.ActionResult result = queryService.post(Caller.of(person),
                uri -> uri.path("/api/actions/revoke/{kind}/{id}").build(path, id), Map.of("reason", recorded),
                headers, Api.ActionResult.class);
        log.info("{} revoked {} {} through the console (effective: {})", person.getName(), path, id, result.effective());
        return ResponseEntity.status(result.effective() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(result);
    }

    /** The person who clicked, in front of their words: the query-service adds its own account's name. */
    static String recordedReason(String person, String reason) {
        return "[console: " + person + "] " + reason;
    }

    private static String kind(String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("Only an agent, a user, a grant or a token can be revoked.");
        }
        return kind;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(QueryServiceException.class)
    ProblemDetail failed(QueryServiceException e) {
        log.warn("Revocation step failed: {}", e.getMessage());
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case REJECTED -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNREACHABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_GATEWAY;
        };
        return ProblemDetail.forStatusAndDetail(status, QueryServiceErrors.sentence(e));
    }
}
