package io.mandate.query.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.query.investigation.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * Forwards a revocation to the command-service's existing API (docs/api.md, "Revocations" and
 * {@code POST /api/grants/{id}/revoke}) with the query-service's service credential. Its refusals
 * come back as problems with the same status (400, 404, 409); a refused credential or a failing
 * command-service is a 502, an unreachable one a 503: never a half-done action reported as done.
 */
@Component
class CommandServiceClient {

    private static final Logger log = LoggerFactory.getLogger(CommandServiceClient.class);

    private final ServiceHttp http;
    private final URI base;

    CommandServiceClient(ActionProperties properties, ObjectMapper json) {
        ActionProperties.CommandService service = properties.commandService();
        this.http = new ServiceHttp(json, service.username(), service.password(), properties.requestTimeout());
        this.base = service.url();
    }

    /** @param idempotencyKey forwarded as {@code Idempotency-Key} where the command API takes one; may be null */
    Recorded revoke(Target target, String reason, String idempotencyKey) {
        URI uri = switch (target.kind()) {
            case AGENT -> ServiceHttp.resolve(base, "api", "revocations", "clients", target.id());
            case USER -> ServiceHttp.resolve(base, "api", "revocations", "users", target.id());
            case TOKEN -> ServiceHttp.resolve(base, "api", "revocations", "tokens", target.id());
            case GRANT -> ServiceHttp.resolve(base, "api", "grants", target.id(), "revoke");
        };
        ServiceHttp.Answer answer;
        try {
            answer = http.postJson(uri, Map.of("reason", reason),
                    idempotencyKey == null || target.kind() == Target.Kind.GRANT
                            ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
        } catch (IOException e) {
            log.warn("The command-service at {} is unreachable: {}", base, e.getMessage());
            throw CommandServiceException.of(HttpStatus.SERVICE_UNAVAILABLE, "Command-service unreachable",
                    "The revocation could not be forwarded: the command-service does not answer. Nothing was revoked.");
        }
        if (answer.ok()) {
            return recorded(target, answer.body());
        }
        throw refusal(answer);
    }

    private static Recorded recorded(Target target, JsonNode body) {
        if (target.kind() == Target.Kind.GRANT) {
            return new Recorded(text(body, "event"), text(body, "grantId"), instant(body, "at"), text(body, "by"),
                    text(body, "reason"), text(body, "status"));
        }
        return new Recorded(text(body, "event"), text(body, "revoked"), instant(body, "revokedAt"),
                text(body, "revokedBy"), text(body, "reason"), null);
    }

    /** The command-service's own problem for the caller's mistakes; ours for the service's failures. */
    private CommandServiceException refusal(ServiceHttp.Answer answer) {
        int status = answer.status();
        if (status == 400 || status == 404 || status == 409) {
            ProblemDetail problem = ProblemDetail.forStatus(status);
            problem.setTitle(text(answer.body(), "title"));
            problem.setDetail(text(answer.body(), "detail"));
            if (answer.body().has("errors")) {
                problem.setProperty("errors", answer.body().get("errors"));
            }
            problem.setProperty("source", "command-service");
            return new CommandServiceException(HttpStatus.valueOf(status), problem);
        }
        if (status == 401 || status == 403) {
            log.error("The command-service refused the query-service's credential ({}); check "
                    + "mandate.query.actions.command-service.username/password", status);
            return CommandServiceException.of(HttpStatus.BAD_GATEWAY, "Command-service refused the service credential",
                    "The query-service is not allowed to revoke at the command-service. Nothing was revoked.");
        }
        log.warn("The command-service answered {} to a forwarded revocation", status);
        return CommandServiceException.of(HttpStatus.BAD_GATEWAY, "Command-service failed",
                "The command-service answered " + status + "; the revocation may not have been recorded. Retry with "
                        + "the same Idempotency-Key to be safe.");
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static Instant instant(JsonNode body, String field) {
        String value = text(body, field);
        return value == null ? null : Instant.parse(value);
    }
}
