package io.mandate.query.grant;

import io.mandate.query.web.NotFoundException;
import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.mandate.query.web.FilterParameters.blankToNull;

/** Grants as the query side sees them: listed (filtered by user or agent) and one by id. */
@RestController
@RequestMapping("/api/grants")
@Tag(name = "grants")
@SecurityRequirement(name = "basic")
class GrantController {

    private final GrantQueries queries;

    GrantController(GrantQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Grants, newest first, optionally for one user and/or one agent")
    ResultPage<GrantDocument> list(@RequestParam(name = "userId", required = false) String userId,
                                   @RequestParam(name = "agentId", required = false) String agentId,
                                   @RequestParam(name = "page", defaultValue = "0") int page,
                                   @RequestParam(name = "size", defaultValue = "20") int size) {
        return queries.list(blankToNull(userId), blankToNull(agentId), new Paging(page, size));
    }

    @GetMapping("/{grantId}")
    @Operation(summary = "One grant's current state")
    GrantDocument get(@PathVariable("grantId") String grantId) {
        return queries.find(grantId).orElseThrow(() -> new NotFoundException("No grant with id '" + grantId + "'."));
    }
}
