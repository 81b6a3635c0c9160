package io.mandate.query.action;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The command-service refused or could not take a forwarded revocation; answered as the problem it carries. */
class CommandServiceException extends ErrorResponseException {

    CommandServiceException(HttpStatus status, ProblemDetail problem) {
        super(status, problem, null);
    }

    static CommandServiceException of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new CommandServiceException(status, problem);
    }
}
