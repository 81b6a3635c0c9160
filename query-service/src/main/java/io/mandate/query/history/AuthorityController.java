package io.mandate.query.history;

import io.mandate.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

import static io.mandate.query.web.FilterParameters.blankToNull;
import static io.mandate.query.web.FilterParameters.instant;

/** Point in time: who could act for whom, with which scopes, at an instant in the past. */
@RestController
@RequestMapping("/api/authority")
@Tag(name = "history")
@SecurityRequirement(name = "basic")
class AuthorityController {

    private final AuthorityQueries queries;
    private final Clock clock;

    AuthorityController(AuthorityQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "The grants through which agents could act for users at an instant in the past",
            description = "Folded from the events recorded up to `at` (never from current state): grants created, "
                    + "minus those revoked, expired or past their expiry, minus those covered by a client or user "
                    + "revocation watermark, minus those whose agent was suspended or deleted at `at`.")
    AuthorityAnswer at(
            @Parameter(description = "ISO-8601 instant, e.g. 2026-11-28T10:15:30Z; not in the future", required = true)
            @RequestParam(name = "at") String at,
            @Parameter(description = "user id: the grants this user had given")
            @RequestParam(name = "user", required = false) String user,
            @Parameter(description = "agent client id: the grants this agent held")
            @RequestParam(name = "client", required = false) String client) {
        Instant instant = instant("at", at);
        if (instant == null) {
            throw new InvalidParameterException("at", "is required");
        }
        if (instant.isAfter(clock.instant())) {
            throw new InvalidParameterException("at", "must not be in the future: the history answers for the past");
        }
        if (blankToNull(user) == null && blankToNull(client) == null) {
            throw new InvalidParameterException("user", "or 'client' is required");
        }
        return queries.at(instant, blankToNull(user), blankToNull(client));
    }
}
