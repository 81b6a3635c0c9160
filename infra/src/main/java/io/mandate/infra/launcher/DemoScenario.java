package io.mandate.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The demo {@code ./mandate up} seeds, so a fresh stack has something to look at, in the order a real
 * deployment gets there: the administrator registers the clients (admin API; their
 * {@code client_secret_basic} secrets, shown once, are kept in {@link DemoClientSecrets}, and a client
 * whose secret was lost gets a new one by rotation); the demo users become local users of the
 * token-issuer (their generated passwords kept in {@code demo/users.env}); then each user signs in and
 * consents to what the agent asks ({@link ConsentFlow}): the grant is born from that consent
 * ({@code GrantCreated} origin {@code CONSENT}, {@code createdBy user:<id>}) and the agent redeems the
 * code for the user's first token, kept in {@code demo/user-tokens.env} for {@code ./mandate demo-token}.
 *
 * <p>Every {@code up} runs it and it creates nothing twice: a client's id is its own idempotency key; a
 * user whose grants page ({@code /account/grants}, the issuer's own projection, which the issuer
 * waits to catch up before it reports healthy) already lists a grant to that agent for that resource,
 * in whatever status, is not asked again. A failure is reported, never fatal: the stack itself is up.
 */
public final class DemoScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What one seeding did; {@code consented}: the grants made now, each by its user's consent. */
    public record Result(int clientsRegistered, int secretsSaved, List<Consented> consented, int grantsAlreadyThere,
                         List<String> failures) {

        public int grantsByConsent() {
            return consented.size();
        }
    }

    /** A grant made by consent, and the token the agent redeemed the code for (by its jti, never the token). */
    public record Consented(DemoCast.Grant grant, String grantId, String jti, String scope) {
    }

    private final String commandServiceUrl;
    private final String issuerUrl;
    private final String adminPassword;
    private final Path home;
    private final DemoCast cast;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();

    /** @param home the stack's home, where the demo's private files are kept (under {@code demo/}) */
    public DemoScenario(String commandServiceUrl, String issuerUrl, String adminPassword, Path home, DemoCast cast,
                        PrintStream out) {
        this.commandServiceUrl = commandServiceUrl;
        this.issuerUrl = issuerUrl;
        this.adminPassword = adminPassword;
        this.home = home;
        this.cast = cast;
        this.out = out;
    }

    /** Seeds the clients, the users, then the users' grants by consent; reports what it could not do. */
    public Result seed() {
        failures.clear();
        int[] clients = {0, 0, 0};
        List<Consented> consented = new ArrayList<>();
        int alreadyThere = 0;
        try {
            clients = registerClients();
            setUpUsers();
            alreadyThere = consentToGrants(consented);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        } catch (RuntimeException e) {
            report("demo scenario not seeded completely: " + e.getMessage());
        }
        out.println("  Demo scenario             " + cast.clients().size() + " clients, " + cast.users().size()
                + " users, " + cast.grants().size() + " grants by consent (" + (clients[0] + consented.size())
                + " new, the rest already there)" + (clients[1] == 0 ? "" : "; " + clients[1] + " client secrets saved"
                + (clients[2] == 0 ? "" : " (" + clients[2] + " by rotating the credentials of clients seeded earlier)"))
                + (failures.isEmpty() ? "" : "; " + failures.size() + " step(s) failed, see above"));
        return new Result(clients[0], clients[1], List.copyOf(consented), alreadyThere, List.copyOf(failures));
    }

    /** @return clients registered now, secrets saved now, of which by rotation */
    private int[] registerClients() throws InterruptedException {
        DemoClientSecrets secrets = DemoClientSecrets.read(home);
        int registered = 0;
        int saved = 0;
        int rotated = 0;
        for (DemoCast.Client client : cast.clients()) {
            Optional<HttpResponse<String>> answer = send(admin(commandServiceUrl + "/api/clients")
                    .POST(body(description(client, true))), "client " + client.clientId(), 200, 201, 409);
            if (answer.isEmpty()) {
                continue;
            }
            if (answer.get().statusCode() == 409) {
                // Registered earlier with another description (before the agents had a redirect URI, say):
                // bring it to the demo's; the credentials stay.
                send(admin(commandServiceUrl + "/api/clients/" + client.clientId())
                        .PUT(body(description(client, false))), "update of client " + client.clientId(), 200);
            }
            if (answer.get().statusCode() == 201) {
                registered++;
                saved += keepSecret(secrets, client.clientId(), answer.get());
            } else if (secrets.secret(client.clientId()).isEmpty()) {
                // Registered by an earlier seed whose secret was not kept: only a rotation shows a secret again.
                // No Idempotency-Key: a retry with the same key would be answered without a secret.
                Optional<HttpResponse<String>> rotation = send(admin(commandServiceUrl + "/api/clients/"
                                + client.clientId() + "/credentials")
                                .POST(body("{\"tokenEndpointAuthMethod\":\"client_secret_basic\"}")),
                        "credentials of " + client.clientId(), 200);
                if (rotation.isPresent()) {
                    int kept = keepSecret(secrets, client.clientId(), rotation.get());
                    saved += kept;
                    rotated += kept;
                }
            }
        }
        if (saved > 0) {
            secrets.save();
        }
        return new int[]{registered, saved, rotated};
    }

    /** Each user becomes (or stays) a local user with the password generated for them once. */
    private void setUpUsers() throws InterruptedException {
        DemoEnvFile passwords = DemoEnvFile.users(home);
        for (DemoCast.User user : cast.users()) {
            String variable = DemoEnvFile.variable(user.userId(), "PASSWORD");
            if (passwords.get(variable).isEmpty()) {
                byte[] random = new byte[18];
                RANDOM.nextBytes(random);
                passwords.put(variable, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                passwords.save(); // before the issuer knows it: a password only the issuer knew would be lost
            }
            ObjectNode body = JSON.createObjectNode().put("displayName", user.displayName())
                    .put("password", passwords.get(variable).orElseThrow());
            // Every up sets it again: a stack whose database was replaced still lets the demo users sign in.
            send(admin(issuerUrl + "/internal/local-users/" + user.userId()).PUT(body(body.toString())),
                    "local user " + user.userId(), 200);
        }
    }

    /** @return how many grants the users already had; those made now are added to {@code consented} */
    private int consentToGrants(List<Consented> consented) throws InterruptedException {
        DemoEnvFile passwords = DemoEnvFile.users(home);
        DemoClientSecrets secrets = DemoClientSecrets.read(home);
        DemoEnvFile tokens = DemoEnvFile.tokens(home);
        ConsentFlow flow = new ConsentFlow(issuerUrl);
        int there = 0;
        for (DemoCast.User user : cast.users()) {
            List<DemoCast.Grant> own = cast.grants().stream().filter(g -> g.userId().equals(user.userId())).toList();
            if (own.isEmpty()) {
                continue;
            }
            ConsentFlow.Session session;
            try {
                session = flow.signIn(user.userId(), passwords.get(DemoEnvFile.variable(user.userId(), "PASSWORD"))
                        .orElseThrow(() -> new ConsentFlow.FlowException("no password kept for " + user.userId())));
            } catch (ConsentFlow.FlowException | IOException e) {
                own.forEach(grant -> report("demo grant " + grant.describe() + " not made: " + e.getMessage()));
                continue;
            }
            for (DemoCast.Grant grant : own) {
                if (session.hasGrant(grant)) {
                    there++;
                    continue;
                }
                try {
                    String secret = secrets.secret(grant.agentId()).orElseThrow(() -> new ConsentFlow.FlowException(
                            "no client secret kept for " + grant.agentId() + " in " + secrets.file()));
                    ConsentFlow.UserToken token = session.consent(grant, secret);
                    tokens.put(DemoEnvFile.variable(grant.userId(), grant.agentId(), "TOKEN"), token.accessToken());
                    tokens.save();
                    consented.add(new Consented(grant, token.grantId(), token.jti(), token.scope()));
                } catch (ConsentFlow.FlowException | IOException e) {
                    report("demo grant " + grant.describe() + " not made by consent: " + e.getMessage());
                }
            }
        }
        return there;
    }

    /** A client's registration ({@code POST}, with the id and kind) or update ({@code PUT}) body. */
    private static String description(DemoCast.Client client, boolean registration) {
        ObjectNode body = JSON.createObjectNode();
        if (registration) {
            body.put("clientId", client.clientId()).put("kind", client.kind()).put("owner", client.owner())
                    .put("tokenEndpointAuthMethod", "client_secret_basic");
        }
        body.put("name", client.name());
        client.allowedScopes().forEach(body.putArray("allowedScopes")::add);
        client.resourceUris().forEach(body.putArray("resourceUris")::add);
        client.redirectUris().forEach(body.putArray("redirectUris")::add);
        return body.toString();
    }

    /** @return 1 when the response carried the client's new secret, which is now kept; 0 otherwise */
    private int keepSecret(DemoClientSecrets secrets, String clientId, HttpResponse<String> response) {
        String secret = field(response.body(), "clientSecret");
        if (secret == null) {
            report("demo client " + clientId + ": the command-service answered without a clientSecret");
            return 0;
        }
        secrets.put(clientId, secret);
        return 1;
    }

    private HttpRequest.Builder admin(String url) {
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", auth);
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    /** @return the response when its status is one of {@code expected}; otherwise reports it and returns empty */
    private Optional<HttpResponse<String>> send(HttpRequest.Builder request, String what, int... expected)
            throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return Optional.of(response);
                }
            }
            report("demo " + what + " refused (" + response.statusCode() + "): " + response.body());
        } catch (IOException e) {
            report("demo " + what + " not seeded: " + e.getMessage());
        }
        return Optional.empty();
    }

    private void report(String failure) {
        failures.add(failure);
        out.println("  " + failure);
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
