package io.mandate.command.revocation;

import io.mandate.command.web.Problems;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The revocation API's refusals as RFC 9457 problems. A malformed id or header is an
 * {@link io.mandate.command.web.InvalidFieldException}, answered for every feature by ProblemAdvice.
 */
@RestControllerAdvice(assignableTypes = RevocationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RevocationProblems {

    @ExceptionHandler
    ProblemDetail unknown(UnknownClientException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No client " + e.clientId().value() + " is registered.");
        problem.setTitle("Unknown client");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(IdempotencyConflictException e) {
        return Problems.conflict("This Idempotency-Key was already used for a revocation with another reason.");
    }

    @ExceptionHandler
    ProblemDetail conflict(AggregateStreamCreationException e) {
        return Problems.conflict("The revocation was written concurrently by another request; retry it.");
    }
}
