package io.mandate.query.action;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/** A revocation body that fails validation: 400 naming the field ({@code reason}), as everywhere else. */
@RestControllerAdvice(assignableTypes = RevocationActionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ActionProblems {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("parameter", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(error -> "'" + error.get("parameter") + "' " + error.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("Invalid request body."));
        problem.setProperty("errors", errors);
        return problem;
    }
}
