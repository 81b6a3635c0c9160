package io.mandate.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The demo data {@code ./mandate up} seeds through the admin API, so a fresh stack has
 * something to look at: first the clients (grants may only name registered ones), then the
 * grants. Each request carries a fixed idempotency key and a client's id is its own key:
 * seeding again (every {@code up}) creates nothing new. The clients authenticate with
 * {@code client_secret_basic}; the secrets the command-service shows once are kept in
 * {@link DemoClientSecrets}, and a client registered earlier whose secret is not there gets a new one
 * by rotation.
 */
final class DemoScenario {

    private record DemoRequest(String key, String json) {
    }

    /** A demo client: registered with client_secret_basic, so the walkthrough can authenticate as it. */
    private record DemoClient(String clientId, String json) {

        DemoRequest registration() {
            return new DemoRequest("demo-client-" + clientId, json);
        }
    }

    private static final List<DemoClient> CLIENTS = List.of(
            new DemoClient("calendar-api", """
                    {"clientId":"calendar-api","kind":"RESOURCE_SERVER","name":"Calendar API","owner":"team-calendar",
                     "allowedScopes":["calendar.read","calendar.write"],"resourceUris":["https://calendar.example/api"],
                     "tokenEndpointAuthMethod":"client_secret_basic"}"""),
            new DemoClient("docs-api", """
                    {"clientId":"docs-api","kind":"RESOURCE_SERVER","name":"Docs API","owner":"team-docs",
                     "allowedScopes":["docs.read","docs.write"],"resourceUris":["https://docs.example/api"],
                     "tokenEndpointAuthMethod":"client_secret_basic"}"""),
            new DemoClient("mail-api", """
                    {"clientId":"mail-api","kind":"RESOURCE_SERVER","name":"Mail API","owner":"team-mail",
                     "allowedScopes":["mail.read","mail.send"],"resourceUris":["https://mail.example/api"],
                     "tokenEndpointAuthMethod":"client_secret_basic"}"""),
            new DemoClient("travel-agent", """
                    {"clientId":"travel-agent","kind":"AGENT","name":"Travel agent","owner":"team-agents",
                     "allowedScopes":["calendar.read","calendar.write","mail.read","mail.send"],
                     "tokenEndpointAuthMethod":"client_secret_basic"}"""),
            new DemoClient("research-agent", """
                    {"clientId":"research-agent","kind":"AGENT","name":"Research agent","owner":"team-agents",
                     "allowedScopes":["docs.read"],"tokenEndpointAuthMethod":"client_secret_basic"}"""),
            new DemoClient("calendar-mcp", """
                    {"clientId":"calendar-mcp","kind":"MCP_SERVER","name":"Calendar MCP server","owner":"team-calendar",
                     "allowedScopes":["calendar.read","calendar.write"],"resourceUris":["https://mcp.calendar.example"],
                     "tokenEndpointAuthMethod":"client_secret_basic"}"""));

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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String commandServiceUrl;
    private final String adminPassword;
    private final Path home;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param home the stack's home, where the clients' secrets are kept ({@link DemoClientSecrets}) */
    DemoScenario(String commandServiceUrl, String adminPassword, Path home, PrintStream out) {
        this.commandServiceUrl = commandServiceUrl;
        this.adminPassword = adminPassword;
        this.home = home;
        this.out = out;
    }

    /** Seeds the demo clients, then the grants; a failure is reported, never fatal: the stack itself is up. */
    void seed() {
        try {
            DemoClientSecrets secrets = DemoClientSecrets.read(home);
            int clients = 0;
            int kept = 0;
            int rotated = 0;
            for (DemoClient demo : CLIENTS) {
                Optional<HttpResponse<String>> registered = post("/api/clients", demo.registration(), "client");
                if (registered.isEmpty()) {
                    continue;
                }
                if (registered.get().statusCode() == 201) {
                    clients++;
                    kept += keepSecret(secrets, demo.clientId(), registered.get());
                } else if (secrets.secret(demo.clientId()).isEmpty()) {
                    // Registered by an earlier seed whose secret was not kept (or before clients had
                    // credentials): only a rotation shows a secret again.
                    Optional<HttpResponse<String>> rotation = rotate(demo.clientId());
                    if (rotation.isPresent()) {
                        rotated += keepSecret(secrets, demo.clientId(), rotation.get());
                    }
                }
            }
            if (kept + rotated > 0) {
                secrets.save();
            }
            int grants = 0;
            for (DemoRequest grant : GRANTS) {
                grants += post("/api/grants", grant, "grant").filter(response -> response.statusCode() == 201)
                        .map(response -> 1).orElse(0);
            }
            out.println("  Demo scenario             " + CLIENTS.size() + " clients, " + GRANTS.size()
                    + " grants for alice and bob (" + (clients + grants) + " new, the rest already there)"
                    + (kept + rotated == 0 ? "" : "; " + (kept + rotated) + " client secrets saved"
                    + (rotated == 0 ? "" : " (" + rotated + " by rotating the credentials of clients seeded earlier)")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("  demo scenario not seeded completely: " + e.getMessage());
        }
    }

    /** @return 1 when the response carried the client's new secret, which is now kept; 0 otherwise */
    private int keepSecret(DemoClientSecrets secrets, String clientId, HttpResponse<String> response) {
        String secret = field(response.body(), "clientSecret");
        if (secret == null) {
            out.println("  demo client " + clientId + ": the command-service answered without a clientSecret");
            return 0;
        }
        secrets.put(clientId, secret);
        return 1;
    }

    private Optional<HttpResponse<String>> rotate(String clientId) throws InterruptedException {
        // No Idempotency-Key: a retry with the same key would be answered without a secret.
        return send(HttpRequest.newBuilder(URI.create(commandServiceUrl + "/api/clients/" + clientId + "/credentials"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"tokenEndpointAuthMethod\":\"client_secret_basic\"}")),
                "credentials of " + clientId, 200);
    }

    /** POSTs with the demo request's fixed Idempotency-Key; 201 (created) and 200 (an earlier seed's) are answers. */
    private Optional<HttpResponse<String>> post(String path, DemoRequest demo, String what) throws InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(commandServiceUrl + path))
                .header("Idempotency-Key", demo.key())
                .POST(HttpRequest.BodyPublishers.ofString(demo.json())), what + " " + demo.key(), 200, 201);
    }

    /** @return the response when its status is one of {@code expected}; otherwise reports it and returns empty */
    private Optional<HttpResponse<String>> send(HttpRequest.Builder request, String what, int... expected)
            throws InterruptedException {
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return Optional.of(response);
                }
            }
            out.println("  demo " + what + " refused (" + response.statusCode() + "): " + response.body());
        } catch (IOException e) {
            out.println("  demo " + what + " not seeded: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String field(String body, String name) {
        try {
            JsonNode value = JSON.readTree(body).get(name);
            return value == null || !value.isTextual() ? null : value.asText();
        } catch (IOException e) {
            return null;
        }
    }
}
