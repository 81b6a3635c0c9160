package io.mandate.query.event;

import io.mandate.query.web.Paging;
import io.mandate.query.web.ResultPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.mandate.query.web.FilterParameters.blankToNull;

/**
 * Who revoked what, when and why: the revocation events (grant, token lineage, client and user
 * watermarks) straight from the events index, which already holds them; no separate index.
 */
@RestController
@RequestMapping("/api/revocations")
@Tag(name = "revocations")
@SecurityRequirement(name = "basic")
class RevocationController {

    private final EventQueries queries;

    RevocationController(EventQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Revocation events, newest first, optionally involving one client and/or one user")
    ResultPage<EventDocument> list(@RequestParam(name = "clientId", required = false) String clientId,
                                   @RequestParam(name = "userId", required = false) String userId,
                                   @RequestParam(name = "page", defaultValue = "0") int page,
                                   @RequestParam(name = "size", defaultValue = "20") int size) {
        return queries.revocations(blankToNull(clientId), blankToNull(userId), new Paging(page, size));
    }
}
