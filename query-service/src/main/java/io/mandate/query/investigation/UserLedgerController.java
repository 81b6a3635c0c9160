package io.mandate.query.investigation;

import io.mandate.messages.id.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The user view: a user's delegation ledger. */
@RestController
@RequestMapping("/api/users/{userId}")
@Tag(name = "investigation")
@SecurityRequirement(name = "basic")
class UserLedgerController {

    private final UserLedgerQueries queries;

    UserLedgerController(UserLedgerQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/ledger")
    @Operation(summary = "Which agents and MCP servers act for the user, with what scopes, since when, through which chains",
            description = "The user's grants (with status now) and every client standing in a chain of the user's "
                    + "tokens, aggregated by client: scopes granted and received, since when, through which grants "
                    + "and chains, and the user's revocation watermark.")
    @ApiResponse(responseCode = "404", description = "No grant, token or revocation is known for this user")
    UserLedger ledger(@PathVariable("userId") String userId) {
        return queries.ledger(Ids.require("userId", userId, UserId::of));
    }
}
