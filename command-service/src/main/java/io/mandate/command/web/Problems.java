package io.mandate.command.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;
import java.util.Map;

/**
 * Builds the RFC 9457 problem details this service answers with. A 400 names every offending
 * field in its {@code errors} extension member (RFC 9457 §3.2), as {@code {field, message}}.
 */
public final class Problems {

    private Problems() {
    }

    /** One invalid field; {@code field} is the JSON path in the request (e.g. {@code policy.maxDepth}). */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail invalidField(String field, String message) {
        return invalidFields(List.of(new FieldError(field, message)));
    }

    public static ProblemDetail invalidFields(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("Invalid request.");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    public static ProblemDetail notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return problem;
    }

    public static ProblemDetail conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Conflict");
        return problem;
    }
}
