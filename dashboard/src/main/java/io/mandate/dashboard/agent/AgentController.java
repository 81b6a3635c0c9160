package io.mandate.dashboard.agent;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.web.Timelines;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The agent view (any client: agent, MCP server, resource server): what it holds, for whom, and what it did. */
@Controller
class AgentController {

    private static final int TOKENS = 20;

    private final QueryServiceClient queryService;
    private final Timelines timelines;

    AgentController(QueryServiceClient queryService, Timelines timelines) {
        this.queryService = queryService;
        this.timelines = timelines;
    }

    @GetMapping("/agents/{clientId}")
    String agent(@PathVariable("clientId") String clientId, Authentication person, Model model) {
        Caller caller = Caller.of(person);
        Api.AgentView view = queryService.get(caller, uri -> uri.path("/api/agents/{id}/view")
                .queryParam("size", TOKENS).build(clientId), Api.AgentView.class);
        model.addAttribute("view", view);
        model.addAttribute("revoked", view.client().revokedAt() != null);
        model.addAttribute("timeline", timelines.newest(caller, "client", clientId));
        return "agent";
    }
}
