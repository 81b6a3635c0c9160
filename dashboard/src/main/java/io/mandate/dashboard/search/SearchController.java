package io.mandate.dashboard.search;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.queryapi.QueryServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One search box for a user, an agent, an MCP server or a token: the text is tried as each kind of
 * id, and matched against the names and ids of registered clients.
 */
@Controller
class SearchController {

    private static final int CLIENTS = 100;

    private final QueryServiceClient queryService;

    SearchController(QueryServiceClient queryService) {
        this.queryService = queryService;
    }

    /** One thing found: what it is, what to call it, where its view is. */
    record Hit(String kind, String label, String detail, String href) {
    }

    @GetMapping("/search")
    String search(@RequestParam(name = "q", required = false) String q, Authentication person, Model model) {
        String text = q == null ? "" : q.strip();
        model.addAttribute("q", text);
        if (text.isEmpty()) {
            model.addAttribute("hits", List.of());
            return "search";
        }
        Caller caller = Caller.of(person);
        List<Hit> hits = new ArrayList<>();
        Api.ClientList clients = queryService.get(caller, uri -> uri.path("/api/clients").queryParam("size", CLIENTS)
                .build(), Api.ClientList.class);
        String needle = text.toLowerCase(Locale.ROOT);
        clients.items().stream()
                .filter(c -> c.clientId().toLowerCase(Locale.ROOT).contains(needle)
                        || (c.name() != null && c.name().toLowerCase(Locale.ROOT).contains(needle)))
                .forEach(c -> hits.add(new Hit(kindWord(c.kind()), c.clientId(),
                        c.name() + (c.revokedAt() != null ? " · revoked" : "") + " · " + c.status(),
                        "/agents/" + c.clientId())));
        find(() -> queryService.get(caller, uri -> uri.path("/api/users/{id}/ledger").build(text), Api.UserLedger.class))
                .ifPresent(ledger -> hits.add(new Hit("user", ledger.userId(),
                        ledger.grants().total() + " grant(s), " + ledger.delegates().size() + " delegate(s)",
                        "/users/" + ledger.userId())));
        find(() -> queryService.get(caller, uri -> uri.path("/api/tokens/{jti}").build(text), Api.TokenView.class))
                .ifPresent(view -> hits.add(new Hit("token", view.token().jti(),
                        "held by " + view.token().holder() + " for " + view.token().userId() + " · "
                                + view.standing().status(), "/tokens/" + view.token().jti())));
        find(() -> queryService.get(caller, uri -> uri.path("/api/grants/{id}").build(text), Api.Grant.class))
                .ifPresent(grant -> hits.add(new Hit("grant", grant.grantId(),
                        grant.userId() + " → " + grant.agentId() + " · " + grant.status(), "/users/" + grant.userId())));
        model.addAttribute("hits", hits);
        return "search";
    }

    /** A lookup by exact id: absent when the query-service knows nothing of it or refuses the id's shape. */
    private static <T> java.util.Optional<T> find(Supplier<T> lookup) {
        try {
            return java.util.Optional.ofNullable(lookup.get());
        } catch (QueryServiceException e) {
            if (e.reason() == QueryServiceException.Reason.NOT_FOUND || e.reason() == QueryServiceException.Reason.REJECTED) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    private static String kindWord(String kind) {
        if (kind == null) {
            return "client";
        }
        return switch (kind) {
            case "AGENT" -> "agent";
            case "MCP_SERVER" -> "MCP server";
            case "RESOURCE_SERVER" -> "resource server";
            case "APPLICATION" -> "application";
            default -> kind.toLowerCase(Locale.ROOT);
        };
    }
}
