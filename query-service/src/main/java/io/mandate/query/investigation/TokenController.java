package io.mandate.query.investigation;

import io.mandate.messages.id.Jti;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issued tokens (by jti, never the token itself) and their delegation chains. */
@RestController
@RequestMapping("/api/tokens/{jti}")
@Tag(name = "tokens")
@SecurityRequirement(name = "basic")
class TokenController {

    private final ChainQueries queries;

    TokenController(ChainQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "One issued token and its status now",
            description = "Status is computed when read from the indexed revocations, grants, clients and users.")
    @ApiResponse(responseCode = "404", description = "No token with this jti is indexed")
    TokenView token(@PathVariable("jti") String jti) {
        return queries.token(Ids.require("jti", jti, Jti::of));
    }

    @GetMapping("/chain")
    @Operation(summary = "The token's delegation chain",
            description = "The grant and the user on top, every ancestor up to the chain's first token, the token, "
                    + "and every token exchanged from it; each hop with holder, actor chain, audience, scopes, "
                    + "whether its scopes lie within its parent's (the grant's for the first hop), and status.")
    @ApiResponse(responseCode = "404", description = "No token with this jti is indexed")
    ChainView chain(@PathVariable("jti") String jti) {
        return queries.chain(Ids.require("jti", jti, Jti::of));
    }
}
