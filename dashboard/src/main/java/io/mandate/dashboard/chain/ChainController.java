package io.mandate.dashboard.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The chain view: a token's delegation chain drawn as a graph (cytoscape, served by the dashboard),
 * with the same facts as a table for keyboards and screen readers.
 */
@Controller
class ChainController {

    private final ChainService chains;
    private final ObjectMapper json;

    ChainController(ChainService chains, ObjectMapper json) {
        this.chains = chains;
        this.json = json;
    }

    @GetMapping("/tokens/{jti}")
    String chain(@PathVariable("jti") String jti, Authentication person, Model model) {
        Caller caller = Caller.of(person);
        Api.Chain chain = chains.chain(caller, jti);
        model.addAttribute("chain", chain);
        ChainGraph graph = chains.graph(caller, chain);
        model.addAttribute("graph", graph);
        // The script draws this copy (an attribute: the CSP allows no inline script) instead of asking
        // /graph again, which would look up every client of the chain a second time.
        model.addAttribute("graphJson", toJson(graph));
        model.addAttribute("self", chain.hops().stream().filter(hop -> "SELF".equals(hop.relation())).findFirst()
                .orElse(null));
        return "chain";
    }

    /** The graph model the page's script draws, fetched again after a revocation. */
    @GetMapping("/tokens/{jti}/graph")
    @ResponseBody
    ChainGraph graph(@PathVariable("jti") String jti, Authentication person) {
        Caller caller = Caller.of(person);
        return chains.graph(caller, chains.chain(caller, jti));
    }

    private String toJson(ChainGraph graph) {
        try {
            return json.writeValueAsString(graph);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the chain graph cannot be written as JSON", e);
        }
    }
}
