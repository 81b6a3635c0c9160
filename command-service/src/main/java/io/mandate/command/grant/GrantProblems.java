package io.mandate.command.grant;

import io.mandate.command.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The grant API's refusals as RFC 9457 problems: a reused key or an agent that is not active a 409, an
 * unknown grant a 404. A broken rule is an {@link io.mandate.command.web.InvalidFieldException}, answered
 * for every feature by ProblemAdvice.
 */
@RestControllerAdvice(assignableTypes = {GrantController.class, GrantRevocationController.class,
        GrantWithdrawalController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class GrantProblems {

    @ExceptionHandler
    ProblemDetail conflict(IdempotencyConflictException e) {
        return Problems.conflict("This Idempotency-Key was already used for a different grant ("
                + e.existing().value() + ").");
    }

    @ExceptionHandler
    ProblemDetail conflict(AgentNotActiveException e) {
        return Problems.conflict(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownGrantException e) {
        return Problems.notFound(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknown(AggregateNotFoundException e) {
        return Problems.notFound("No such grant exists.");
    }

    @ExceptionHandler
    ProblemDetail conflict(AggregateStreamCreationException e) {
        return Problems.conflict("The grant was created concurrently by another request; retry it.");
    }
}
