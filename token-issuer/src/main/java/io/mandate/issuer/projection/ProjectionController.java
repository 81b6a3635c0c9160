package io.mandate.issuer.projection;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.function.Function;

/**
 * The admin view of this issuer's projection (role ADMIN): lets operators and end-to-end tests
 * see what this instance would decide from, which may lag the query side.
 */
@RestController
@RequestMapping("/internal/projection")
class ProjectionController {

    /** A client as this issuer sees it: its lifecycle (null if never seen) and its revocation watermark (null if none). */
    record ClientReport(ClientView client, Revocation watermark) {
    }

    /** A user's revocation watermark: users have no other state in the issuer. */
    record UserReport(UserId userId, Revocation watermark) {
    }

    private final IssuerProjection projection;
    private final ReaderProgress progress;

    ProjectionController(IssuerProjection projection, ReaderProgress progress) {
        this.projection = projection;
        this.progress = progress;
    }

    @GetMapping
    ProjectionStatus status() {
        return ProjectionStatus.of(projection, progress);
    }

    @GetMapping("/grants/{grantId}")
    GrantView grant(@PathVariable String grantId) {
        GrantId id = parse("grantId", grantId, GrantId::of);
        return projection.findGrant(id).orElseThrow(() -> notFound("No grant " + id + " in this issuer's projection"));
    }

    @GetMapping("/clients/{clientId}")
    ClientReport client(@PathVariable String clientId) {
        ClientId id = parse("clientId", clientId, ClientId::of);
        ClientReport report = new ClientReport(projection.findClient(id).orElse(null),
                projection.clientWatermark(id).orElse(null));
        if (report.client() == null && report.watermark() == null) {
            throw notFound("No client " + id + " in this issuer's projection");
        }
        return report;
    }

    @GetMapping("/users/{userId}")
    UserReport user(@PathVariable String userId) {
        UserId id = parse("userId", userId, UserId::of);
        return projection.userWatermark(id).map(watermark -> new UserReport(id, watermark))
                .orElseThrow(() -> notFound("No revocation for user " + id + " in this issuer's projection"));
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            ErrorResponseException problem = problem(HttpStatus.BAD_REQUEST, field + ": " + e.getMessage());
            problem.getBody().setProperty("field", field);
            throw problem;
        }
    }

    private static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
