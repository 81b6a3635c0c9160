package io.mandate.issuer.projection;

import io.mandate.messages.id.GrantId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin view of this issuer's projection (role ADMIN): lets operators and end-to-end tests
 * see what this instance would decide from, which may lag the query side.
 */
@RestController
@RequestMapping("/internal/projection")
class ProjectionController {

    private final GrantProjection projection;
    private final ReaderProgress progress;

    ProjectionController(GrantProjection projection, ReaderProgress progress) {
        this.projection = projection;
        this.progress = progress;
    }

    @GetMapping
    ProjectionStatus status() {
        return ProjectionStatus.of(projection, progress);
    }

    @GetMapping("/grants/{grantId}")
    GrantView grant(@PathVariable String grantId) {
        GrantId id = parse(grantId);
        return projection.find(id).orElseThrow(() -> problem(HttpStatus.NOT_FOUND,
                "No grant " + id + " in this issuer's projection"));
    }

    private static GrantId parse(String grantId) {
        try {
            return GrantId.of(grantId);
        } catch (IllegalArgumentException e) {
            ErrorResponseException problem = problem(HttpStatus.BAD_REQUEST, "grantId: " + e.getMessage());
            problem.getBody().setProperty("field", "grantId");
            throw problem;
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
