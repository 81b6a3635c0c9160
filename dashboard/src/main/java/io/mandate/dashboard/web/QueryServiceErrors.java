package io.mandate.dashboard.web;

import io.mandate.dashboard.queryapi.QueryServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page whose data the query-service could not give becomes a page with a plain sentence and the
 * matching status (404, 503, 502), never a stack trace. Script endpoints handle their own failures.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
public class QueryServiceErrors {

    private static final Logger log = LoggerFactory.getLogger(QueryServiceErrors.class);

    @ExceptionHandler(QueryServiceException.class)
    ModelAndView unavailable(QueryServiceException e, Model model) {
        log.warn("Page unavailable: {}", e.getMessage());
        ModelAndView page = new ModelAndView("problem", model.asMap());
        page.addObject("message", sentence(e));
        page.setStatus(switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case REJECTED -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNREACHABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_GATEWAY;
        });
        return page;
    }

    /** What a person reads when the query-service did not give an answer. */
    public static String sentence(QueryServiceException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> "Nothing is known of this yet. Check the name or id; a new event can take a second "
                    + "or two to become searchable.";
            case REJECTED -> e.detail() != null ? "The query service refused the request: " + e.detail()
                    : "The query service refused the request.";
            case FORBIDDEN -> "Your role does not allow this.";
            case UNREACHABLE -> "The query service is not answering right now. Check that it is running, then "
                    + "reload this page.";
            case CREDENTIALS_REFUSED -> "The query service refused the dashboard's service account. An "
                    + "administrator needs to check the dashboard's query-service credentials.";
            case FAILED -> "The query service reported a problem. Try again in a moment.";
        };
    }
}
