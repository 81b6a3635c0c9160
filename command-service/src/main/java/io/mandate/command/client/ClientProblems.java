package io.mandate.command.client;

import io.mandate.command.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The client API's refusals as RFC 9457 problems: 400 naming the field, 404 unknown id, 409 state conflict. */
@RestControllerAdvice(assignableTypes = ClientController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientProblems {

    @ExceptionHandler
    ProblemDetail rejected(ClientRejectedException e) {
        return Problems.invalidField(e.field(), e.reason());
    }

    @ExceptionHandler
    ProblemDetail conflict(ClientConflictException e) {
        return Problems.conflict(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownClientException e) {
        return notFound(e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknown(AggregateNotFoundException e) {
        return notFound("No such client is registered.");
    }

    private static ProblemDetail notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return problem;
    }
}
