package io.mandate.infra.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeding against a fake command-service and a fake token-issuer: which secrets end up in the file, when
 * credentials are rotated, the users' passwords, and that a failing step is reported, not thrown. The
 * login and consent themselves are played against the real services in {@code DemoScenarioThroughTheStackIT}.
 */
class DemoScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLIENT_IDS =
            List.of("calendar-api", "docs-api", "mail-api", "travel-agent", "research-agent", "calendar-mcp");

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean clientsExist;
    private volatile boolean agentsDescribedOtherwise;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void fakeCommandService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/clients", this::clients);
        server.createContext("/api/grants", exchange -> {
            requests.add("admin grant " + exchange.getRequestURI());
            answer(exchange, 201, "{\"grantId\":\"grt_1\"}");
        });
        server.createContext("/internal/local-users/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add("user " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath().substring("/internal/local-users/".length())
                    + " " + JSON.readTree(body).path("password").asText());
            answer(exchange, 200, "{}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void seedWhenTheClientsAreNewThenTheirRegistrationSecretsAreKept() throws Exception {
        seed();

        for (String id : CLIENT_IDS) {
            assertThat(DemoClientSecrets.read(home).secret(id)).contains("registered-" + id);
        }
        assertThat(requests).noneMatch(request -> request.startsWith("rotate"));
        assertThat(requests).filteredOn(request -> request.startsWith("register"))
                .hasSize(6).allMatch(request -> request.endsWith("client_secret_basic"));
        assertThat(requests).noneMatch(request -> request.startsWith("admin grant"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("6 client secrets saved");
    }

    @Test
    void seedWhenTheClientsExistButNoSecretIsKeptThenTheirCredentialsAreRotated() throws Exception {
        clientsExist = true;

        seed();

        for (String id : CLIENT_IDS) {
            assertThat(DemoClientSecrets.read(home).secret(id)).contains("rotated-" + id);
        }
        assertThat(requests).filteredOn(request -> request.startsWith("rotate"))
                .hasSize(6).allMatch(request -> request.endsWith("key=null client_secret_basic"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("6 by rotating");
    }

    @Test
    void seedWhenRunAgainThenNothingIsRotatedAndTheSecretsStay() throws Exception {
        seed();
        String kept = Files.readString(DemoClientSecrets.file(home));
        clientsExist = true;
        requests.clear();

        seed();

        assertThat(requests).noneMatch(request -> request.startsWith("rotate"));
        assertThat(Files.readString(DemoClientSecrets.file(home))).isEqualTo(kept);
    }

    @Test
    void seedWhenTheCommandServiceIsDownThenReportedNotThrown() {
        server.stop(0);

        seed();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("not seeded");
        assertThat(Files.exists(DemoClientSecrets.file(home))).isFalse();
    }

    @Test
    void seedWhenFirstRunThenEachUserGetsAGeneratedPasswordKeptOwnerOnlyAndSetAtTheIssuer() throws Exception {
        seed();

        DemoEnvFile users = DemoEnvFile.users(home);
        String alice = users.get("ALICE_PASSWORD").orElseThrow();
        String bob = users.get("BOB_PASSWORD").orElseThrow();
        assertThat(alice).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(bob);
        assertThat(requests).contains("user PUT alice " + alice, "user PUT bob " + bob);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                DemoEnvFile.file(home, DemoEnvFile.USERS)))).isEqualTo("rw-------");
    }

    @Test
    void seedWhenRunAgainThenTheUsersKeepTheirPasswords() {
        seed();
        String alice = DemoEnvFile.users(home).get("ALICE_PASSWORD").orElseThrow();
        requests.clear();

        seed();

        assertThat(DemoEnvFile.users(home).get("ALICE_PASSWORD")).contains(alice);
        assertThat(requests).contains("user PUT alice " + alice);
    }

    @Test
    void seedWhenAnAgentWasRegisteredWithAnotherDescriptionThenItIsUpdatedToTheDemosKeepingItsSecret() {
        seed();
        agentsDescribedOtherwise = true;
        requests.clear();

        seed();

        assertThat(requests).contains("update travel-agent [\"" + DemoCast.REDIRECT_URI + "\"] method=",
                "update research-agent [\"" + DemoCast.REDIRECT_URI + "\"] method=");
        assertThat(requests).noneMatch(request -> request.startsWith("rotate"));
        assertThat(DemoClientSecrets.read(home).secret("travel-agent")).contains("registered-travel-agent");
    }

    @Test
    void seedWhenTheLoginPageIsMissingThenEachGrantIsReportedAsNotMadeAndNothingThrown() {
        DemoScenario.Result result = seed();

        assertThat(result.grantsByConsent()).isZero();
        assertThat(result.failures()).filteredOn(failure -> failure.startsWith("demo grant")).hasSize(3)
                .allMatch(failure -> failure.contains("not made"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("demo grant alice → travel-agent "
                + "(https://calendar.example/api) not made", "3 step(s) failed");
    }

    private DemoScenario.Result seed() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new DemoScenario(url, url, "mandate-admin", home, DemoCast.standard(),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).seed();
    }

    private void clients(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = JSON.readTree(body).path("tokenEndpointAuthMethod").asText();
        if ("PUT".equals(exchange.getRequestMethod())) {
            String id = path.split("/")[3];
            requests.add("update " + id + " " + JSON.readTree(body).path("redirectUris") + " method=" + method);
            answer(exchange, 200, "{\"clientId\":\"" + id + "\"}");
            return;
        }
        if (path.endsWith("/credentials")) {
            String id = path.split("/")[3];
            requests.add("rotate " + id + " key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + method);
            answer(exchange, 200, "{\"clientId\":\"" + id + "\",\"clientSecret\":\"rotated-" + id + "\"}");
            return;
        }
        String id = JSON.readTree(body).get("clientId").asText();
        requests.add("register " + id + " " + method);
        if (agentsDescribedOtherwise && id.endsWith("-agent")) {
            answer(exchange, 409, "{\"detail\":\"registered with another description\"}");
        } else if (clientsExist) {
            answer(exchange, 200, "{\"clientId\":\"" + id + "\"}");
        } else {
            answer(exchange, 201, "{\"clientId\":\"" + id + "\",\"clientSecret\":\"registered-" + id + "\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
