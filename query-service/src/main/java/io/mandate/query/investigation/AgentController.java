package io.mandate.query.investigation;

import io.mandate.messages.id.ClientId;
import io.mandate.query.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The agent view: what one agent (or MCP server, or any client) holds, appears in and did. */
@RestController
@RequestMapping("/api/agents/{clientId}")
@Tag(name = "investigation")
@SecurityRequirement(name = "basic")
class AgentController {

    private final AgentQueries queries;

    AgentController(AgentQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/view")
    @Operation(summary = "Everything about one agent",
            description = "The client, the grants it holds (with status now), the tokens in whose chain it stands "
                    + "anywhere (paged, newest first, with status), the users it acts for, and its timeline counted "
                    + "by event type. page/size page the tokens (size 1–100).")
    @ApiResponse(responseCode = "404", description = "No such client is registered")
    AgentView view(@PathVariable("clientId") String clientId,
                   @RequestParam(name = "page", defaultValue = "0") int page,
                   @RequestParam(name = "size", defaultValue = "20") int size) {
        return queries.view(Ids.require("clientId", clientId, ClientId::of), new Paging(page, size));
    }
}
