package io.mandate.command.client;

import io.mandate.command.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The client API's refusals as RFC 9457 problems: 404 unknown id, 409 state conflict. A broken rule
 * is an {@link io.mandate.command.web.InvalidFieldException}, answered for every feature by ProblemAdvice.
 */
@RestControllerAdvice(assignableTypes = ClientController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientProblems {

    @ExceptionHandler
    ProblemDetail conflict(ClientConflictException e) {
        return Problems.conflict(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ClientIdempotencyConflictException e) {
        return Problems.conflict(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail forbidden(ClientAccessDeniedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownClientException e) {
        return Problems.notFound(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknown(AggregateNotFoundException e) {
        return Problems.notFound("No such client is registered.");
    }
}
