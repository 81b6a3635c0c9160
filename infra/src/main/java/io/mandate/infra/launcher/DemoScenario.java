package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The demo data {@code ./mandate up} seeds through the admin API, so a fresh stack has
 * something to look at: first the clients (grants may only name registered ones), then the
 * grants. Each request carries a fixed idempotency key and a client's id is its own key:
 * seeding again (every {@code up}) creates nothing new.
 */
final class DemoScenario {

    private record DemoRequest(String key, String json) {
    }

    private static final List<DemoRequest> CLIENTS = List.of(
            new DemoRequest("demo-client-calendar-api", """
                    {"clientId":"calendar-api","kind":"RESOURCE_SERVER","name":"Calendar API","owner":"team-calendar",
                     "allowedScopes":["calendar.read","calendar.write"],"resourceUris":["https://calendar.example/api"]}"""),
            new DemoRequest("demo-client-docs-api", """
                    {"clientId":"docs-api","kind":"RESOURCE_SERVER","name":"Docs API","owner":"team-docs",
                     "allowedScopes":["docs.read","docs.write"],"resourceUris":["https://docs.example/api"]}"""),
            new DemoRequest("demo-client-mail-api", """
                    {"clientId":"mail-api","kind":"RESOURCE_SERVER","name":"Mail API","owner":"team-mail",
                     "allowedScopes":["mail.read","mail.send"],"resourceUris":["https://mail.example/api"]}"""),
            new DemoRequest("demo-client-travel-agent", """
                    {"clientId":"travel-agent","kind":"AGENT","name":"Travel agent","owner":"team-agents",
                     "allowedScopes":["calendar.read","calendar.write","mail.read","mail.send"]}"""),
            new DemoRequest("demo-client-research-agent", """
                    {"clientId":"research-agent","kind":"AGENT","name":"Research agent","owner":"team-agents",
                     "allowedScopes":["docs.read"]}"""),
            new DemoRequest("demo-client-calendar-mcp", """
                    {"clientId":"calendar-mcp","kind":"MCP_SERVER","name":"Calendar MCP server","owner":"team-calendar",
                     "allowedScopes":["calendar.read","calendar.write"],"resourceUris":["https://mcp.calendar.example"]}"""));

    private static final List<DemoRequest> GRANTS = List.of(
            new DemoRequest("demo-alice-travel-calendar", """
                    {"userId":"alice","agentId":"travel-agent","audience":"https://calendar.example/api",
                     "scopes":["calendar.read","calendar.write"],
                     "policy":{"allowedNextKinds":["MCP_SERVER"],"maxDepth":2,"approvalScopes":["calendar.write"]}}"""),
            new DemoRequest("demo-alice-research-docs", """
                    {"userId":"alice","agentId":"research-agent","audience":"https://docs.example/api",
                     "scopes":["docs.read"],"policy":{"maxDepth":1}}"""),
            new DemoRequest("demo-bob-travel-mail", """
                    {"userId":"bob","agentId":"travel-agent","audience":"https://mail.example/api",
                     "scopes":["mail.read","mail.send"],
                     "policy":{"allowedNextKinds":["AGENT","MCP_SERVER"],"maxDepth":3}}"""));

    private final String commandServiceUrl;
    private final String adminPassword;
    private final PrintStream out;

    DemoScenario(String commandServiceUrl, String adminPassword, PrintStream out) {
        this.commandServiceUrl = commandServiceUrl;
        this.adminPassword = adminPassword;
        this.out = out;
    }

    /** Seeds the demo clients, then the grants; a failure is reported, never fatal: the stack itself is up. */
    void seed() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        try {
            int clients = post(client, auth, "/api/clients", "client", CLIENTS);
            int grants = post(client, auth, "/api/grants", "grant", GRANTS);
            out.println("  Demo scenario             " + CLIENTS.size() + " clients, " + GRANTS.size()
                    + " grants for alice and bob (" + (clients + grants) + " new, the rest already there)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how many were created (201); a 200 is an idempotent repeat of an earlier seed */
    private int post(HttpClient client, String auth, String path, String what, List<DemoRequest> requests)
            throws InterruptedException {
        int created = 0;
        for (DemoRequest demo : requests) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(commandServiceUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .header("Idempotency-Key", demo.key())
                    .POST(HttpRequest.BodyPublishers.ofString(demo.json())).build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    created++;
                } else if (response.statusCode() != 200) {
                    out.println("  demo " + what + " " + demo.key() + " refused (" + response.statusCode() + "): "
                            + response.body());
                }
            } catch (IOException e) {
                out.println("  demo " + what + " " + demo.key() + " not seeded: " + e.getMessage());
            }
        }
        return created;
    }
}
