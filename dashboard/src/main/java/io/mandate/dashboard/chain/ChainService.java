package io.mandate.dashboard.chain;

import io.mandate.dashboard.queryapi.Api;
import io.mandate.dashboard.queryapi.Caller;
import io.mandate.dashboard.queryapi.QueryServiceClient;
import io.mandate.dashboard.queryapi.QueryServiceException;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Reads a token's chain and the clients in it from the query-service, and draws the graph model. */
@Component
class ChainService {

    private static final int UPSTREAM_PAGE = 100;

    /** Concurrent client look-ups per chain: enough to hide latency, few enough to spare the query-service. */
    private static final int LOOKUPS_AT_ONCE = 8;

    private final QueryServiceClient queryService;
    private final ExecutorService clientLookups = Executors.newFixedThreadPool(LOOKUPS_AT_ONCE, task -> {
        Thread thread = new Thread(task, "chain-client-lookup");
        thread.setDaemon(true);
        return thread;
    });

    ChainService(QueryServiceClient queryService) {
        this.queryService = queryService;
    }

    @PreDestroy
    void stopLookups() {
        clientLookups.shutdownNow();
    }

    Api.Chain chain(Caller caller, String jti) {
        return queryService.get(caller, uri -> uri.path("/api/tokens/{jti}/chain").build(jti), Api.Chain.class);
    }

    ChainGraph graph(Caller caller, Api.Chain chain) {
        Set<String> named = new LinkedHashSet<>();
        if (chain.grant() != null && chain.grant().grant() != null) {
            named.add(chain.grant().grant().agentId());
        }
        chain.hops().forEach(hop -> named.add(hop.holder()));
        Map<String, ChainGraph.Party> parties = new ConcurrentHashMap<>();
        // A chain may name a few hundred clients: ask about them a few at a time, not one after another.
        List<CompletableFuture<Void>> lookups = named.stream().map(clientId -> CompletableFuture.runAsync(() -> {
            try {
                parties.put(clientId, party(queryService.get(caller,
                        uri -> uri.path("/api/clients/{id}").build(clientId), Api.Client.class)));
            } catch (QueryServiceException e) {
                if (e.reason() != QueryServiceException.Reason.NOT_FOUND) {
                    throw e;
                }
            }
        }, clientLookups)).toList();
        try {
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        // Audiences are resource URIs (or client ids): the registered resource servers and MCP servers name them.
        Map<String, String> audiences = new HashMap<>();
        for (String kind : new String[]{"RESOURCE_SERVER", "MCP_SERVER"}) {
            Api.ClientList list = queryService.get(caller, uri -> uri.path("/api/clients")
                    .queryParam("kind", kind).queryParam("size", UPSTREAM_PAGE).build(), Api.ClientList.class);
            for (Api.Client client : list.items()) {
                audiences.put(client.clientId(), client.clientId());
                client.resourceUris().forEach(uri -> audiences.put(uri, client.clientId()));
                parties.putIfAbsent(client.clientId(), party(client));
            }
        }
        return ChainGraph.of(chain, parties, audiences::get);
    }

    private static ChainGraph.Party party(Api.Client client) {
        boolean cutOff = client.revokedAt() != null || "SUSPENDED".equals(client.status())
                || "DELETED".equals(client.status());
        return new ChainGraph.Party(client.kind(), client.name(), cutOff, client.resourceUris());
    }
}
