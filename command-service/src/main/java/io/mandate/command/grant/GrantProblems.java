package io.mandate.command.grant;

import io.mandate.command.web.Problems;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The grant API's refusals as RFC 9457 problems: a broken rule is a 400 naming its field, a reused key a 409. */
@RestControllerAdvice(assignableTypes = GrantController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GrantProblems {

    @ExceptionHandler
    ProblemDetail rejected(GrantRejectedException e) {
        return Problems.invalidField(e.field(), e.reason());
    }

    @ExceptionHandler
    ProblemDetail conflict(IdempotencyConflictException e) {
        return Problems.conflict("This Idempotency-Key was already used for a different grant ("
                + e.existing().value() + ").");
    }

    @ExceptionHandler
    ProblemDetail conflict(AggregateStreamCreationException e) {
        return Problems.conflict("The grant was created concurrently by another request; retry it.");
    }
}
