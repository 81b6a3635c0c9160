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
 * something to look at. Each grant carries a fixed idempotency key: seeding again (every
 * {@code up}) creates nothing new.
 */
final class DemoScenario {

    private record DemoGrant(String key, String json) {
    }

    private static final List<DemoGrant> GRANTS = List.of(
            new DemoGrant("demo-alice-travel-calendar", """
                    {"userId":"alice","agentId":"travel-agent","audience":"https://calendar.example/api",
                     "scopes":["calendar.read","calendar.write"],
                     "policy":{"allowedNextKinds":["MCP_SERVER"],"maxDepth":2,"approvalScopes":["calendar.write"]}}"""),
            new DemoGrant("demo-alice-research-docs", """
                    {"userId":"alice","agentId":"research-agent","audience":"https://docs.example/api",
                     "scopes":["docs.read"],"policy":{"maxDepth":1}}"""),
            new DemoGrant("demo-bob-travel-mail", """
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

    /** Seeds the demo grants; a failure is reported, never fatal: the stack itself is up. */
    void seed() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        int created = 0;
        for (DemoGrant grant : GRANTS) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(commandServiceUrl + "/api/grants"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .header("Idempotency-Key", grant.key())
                    .POST(HttpRequest.BodyPublishers.ofString(grant.json())).build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    created++;
                } else if (response.statusCode() != 200) {
                    out.println("  demo grant " + grant.key() + " refused (" + response.statusCode() + "): " + response.body());
                }
            } catch (IOException e) {
                out.println("  demo grant " + grant.key() + " not seeded: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.println("  Demo scenario             " + GRANTS.size() + " grants for alice and bob ("
                + created + " new, the rest already there)");
    }
}
