package io.mandate.query.client;

import io.mandate.messages.grant.ClientKind;
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

/** Registered clients (agents, MCP servers, applications, resource servers) and their lifecycle state. */
@RestController
@RequestMapping("/api/clients")
@Tag(name = "clients")
@SecurityRequirement(name = "basic")
class ClientController {

    private final ClientQueries queries;

    ClientController(ClientQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Clients, newest registration first, optionally of one kind and/or status")
    ResultPage<ClientDocument> list(@RequestParam(name = "kind", required = false) ClientKind kind,
                                    @RequestParam(name = "status", required = false) ClientStatus status,
                                    @RequestParam(name = "page", defaultValue = "0") int page,
                                    @RequestParam(name = "size", defaultValue = "20") int size) {
        return queries.list(kind, status, new Paging(page, size));
    }

    @GetMapping("/{clientId}")
    @Operation(summary = "One client's current state")
    ClientDocument get(@PathVariable("clientId") String clientId) {
        return queries.find(clientId).orElseThrow(() -> new NotFoundException("No client with id '" + clientId + "'."));
    }
}
