package io.mandate.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What every round of the revocation race shares: the clients that never change (the upstream API
 * and the MCP server that hammers exchanges), the HTTP clients, and the worker threads.
 */
final class RaceStage implements AutoCloseable {

    static final List<String> SCOPES = List.of("race.read", "race.write");
    /** The grant lets its agent hand a token to an MCP server, which exchanges it for the API. */
    static final Map<String, Object> POLICY = Map.of("allowedNextKinds", List.of("MCP_SERVER"), "maxDepth", 2);

    final String run;
    final RunningMandate mandate;
    final OAuthClient oauth;
    final MandateAdmin admin;
    final String apiUri;
    final String mcpUri;
    final ClientCredential api;
    final ClientCredential mcp;
    final int threads;
    private final ExecutorService workers;

    private RaceStage(String run, RunningMandate mandate, OAuthClient oauth, MandateAdmin admin, ClientCredential api,
                      ClientCredential mcp, int threads) {
        this.run = run;
        this.mandate = mandate;
        this.oauth = oauth;
        this.admin = admin;
        this.apiUri = apiUri(run);
        this.mcpUri = mcpUri(run);
        this.api = api;
        this.mcp = mcp;
        this.threads = threads;
        // the hammering threads plus the revoker
        this.workers = Executors.newFixedThreadPool(threads + 1, runnable -> {
            Thread thread = new Thread(runnable, "race-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    static RaceStage set(String run, RunningMandate mandate, int threads) {
        OAuthClient oauth = new OAuthClient(mandate.issuerUrl());
        MandateAdmin admin = new MandateAdmin(mandate, oauth);
        ClientCredential api = admin.registerWithSecret("race-api-" + run, "RESOURCE_SERVER", SCOPES,
                List.of(apiUri(run)));
        ClientCredential mcp = admin.registerWithSecret("race-mcp-" + run, "MCP_SERVER", SCOPES, List.of(mcpUri(run)));
        admin.awaitIssuerHas(List.of(), List.of(api, mcp));
        return new RaceStage(run, mandate, oauth, admin, api, mcp, threads);
    }

    /** Runs the tasks on the worker threads and waits for all; a task's failure fails the caller. */
    <T> List<T> runAll(List<Callable<T>> tasks) {
        try {
            List<Future<T>> futures = workers.invokeAll(tasks);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static String apiUri(String run) {
        return "https://race-api-" + run + ".example/api";
    }

    private static String mcpUri(String run) {
        return "https://race-mcp-" + run + ".example/mcp";
    }
}
