package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.StackSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent joins by itself (RFC 7591) with the deployment's initial access token, reads, updates and deletes
 * its registration with the registration access token (RFC 7592), its registration is an event with path
 * DYNAMIC_REGISTRATION visible through the query-service, and the credentials it got work at the token
 * endpoint. Against the four services running as processes on the real stack.
 */
class RegistrationThroughTheStackIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static RunningMandate mandate;
    private static OAuthClient oauth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Http basic = new Http();

    @BeforeAll
    static void start() {
        mandate = RunningMandate.get();
        oauth = new OAuthClient(mandate.issuerUrl());
    }

    @Test
    void agentRegistersReadsUpdatesUsesAndDeletesItselfAndEveryStepIsRecorded() throws Exception {
        String register = mandate.issuerUrl() + "/oauth2/register";
        String body = """
                {"client_name":"Self-registered agent %s","client_kind":"AGENT","grant_types":["client_credentials"],
                 "scope":"docs.read","token_endpoint_auth_method":"client_secret_basic",
                 "logo_uri":"https://agent.example/logo.png"}""".formatted(RUN);

        // Closed deployment: no initial access token, or a wrong one, is a 401 invalid_token; nothing registered.
        HttpResponse<String> anonymous = send("POST", register, null, body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).path("error").asText()).isEqualTo("invalid_token");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(send("POST", register, "wrong-token", body).statusCode()).isEqualTo(401);

        // Bad metadata is refused with the RFC 7591 code.
        HttpResponse<String> badRedirect = send("POST", register, RunningMandate.INITIAL_ACCESS_TOKEN,
                "{\"redirect_uris\":[\"http://agent.example/cb\"]}");
        assertThat(badRedirect.statusCode()).isEqualTo(400);
        assertThat(json(badRedirect).path("error").asText()).isEqualTo("invalid_redirect_uri");

        HttpResponse<String> created = send("POST", register, RunningMandate.INITIAL_ACCESS_TOKEN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode client = json(created);
        String clientId = client.path("client_id").asText();
        String secret = client.path("client_secret").asText();
        String token = client.path("registration_access_token").asText();
        String configuration = client.path("registration_client_uri").asText();
        assertThat(clientId).startsWith("dcr-");
        assertThat(secret).hasSize(43);
        assertThat(client.path("client_secret_expires_at").asLong()).isZero();
        assertThat(client.path("client_id_issued_at").asLong()).isPositive();
        assertThat(configuration).isEqualTo(register + "/" + clientId);
        assertThat(client.path("scope").asText()).isEqualTo("docs.read");
        assertThat(client.has("logo_uri")).as("unknown metadata is ignored, not stored").isFalse();

        // RFC 7592 read: the metadata, never the secret; another client's token reads nothing.
        HttpResponse<String> read = send("GET", configuration, token, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("client_name").asText()).isEqualTo("Self-registered agent " + RUN);
        assertThat(json(read).has("client_secret")).isFalse();
        assertThat(send("GET", configuration, BearerTokenOf.random(), null).statusCode()).isEqualTo(401);

        // The credentials work at the token endpoint once the issuer's projection has the client.
        ClientCredential.SecretBasic credential = new ClientCredential.SecretBasic(clientId, secret);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> oauth.clientCredentials(credential, "docs.read", null).ok());
        OAuthClient.Response beyond = oauth.clientCredentials(credential, "mail.send", null);
        assertThat(beyond.error()).as("the registered scope is the ceiling").isEqualTo("invalid_scope");

        // RFC 7592 update: the whole description, a new registration access token; the old one is dead.
        HttpResponse<String> updated = send("PUT", configuration, token, """
                {"client_id":"%s","client_name":"Renamed agent %s","client_kind":"AGENT",
                 "grant_types":["client_credentials"],"scope":"docs.read","token_endpoint_auth_method":"client_secret_basic"}"""
                .formatted(clientId, RUN));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        String newToken = json(updated).path("registration_access_token").asText();
        assertThat(newToken).isNotBlank().isNotEqualTo(token);
        assertThat(json(updated).has("client_secret")).as("same method: the secret stays").isFalse();
        assertThat(send("GET", configuration, token, null).statusCode()).isEqualTo(401);
        assertThat(json(send("GET", configuration, newToken, null)).path("client_name").asText())
                .isEqualTo("Renamed agent " + RUN);

        // The query side: the registration (path DYNAMIC_REGISTRATION, by the registrar) and the update.
        String query = mandate.url(StackSettings.QUERY_SERVICE);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> types(query, clientId)
                .containsAll(List.of("ClientRegistered", "ClientCredentialsSet", "ClientMetadataUpdated")));
        JsonNode events = Http.json(basic.get(query + "/api/events?aggregateId=" + clientId, "investigator",
                "mandate-investigator")).path("items");
        JsonNode registered = find(events, "ClientRegistered");
        assertThat(registered.path("payload").path("registrationPath").asText()).isEqualTo("DYNAMIC_REGISTRATION");
        assertThat(registered.path("payload").path("registeredBy").asText()).isEqualTo("registrar");
        assertThat(registered.path("revision").asInt()).isEqualTo(2);
        assertThat(events.toString()).doesNotContain(secret).doesNotContain(token).doesNotContain(newToken);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> Http.json(basic.get(
                query + "/api/clients/" + clientId, "investigator", "mandate-investigator")).path("name").asText()
                .equals("Renamed agent " + RUN));
        JsonNode indexed = Http.json(basic.get(query + "/api/clients/" + clientId, "investigator",
                "mandate-investigator"));
        assertThat(indexed.path("registrationPath").asText()).isEqualTo("DYNAMIC_REGISTRATION");

        // RFC 7592 delete: 204, the client is gone for good, its token and its credentials with it.
        assertThat(send("DELETE", configuration, newToken, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", configuration, newToken, null).statusCode()).isEqualTo(401);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> types(query, clientId)
                .contains("ClientDeleted"));
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> !oauth.clientCredentials(credential, "docs.read", null).ok());
    }

    @Test
    void registrarWhenItTriesAnAdministratorsClientThenForbiddenAndNothingChanges() {
        String adminClient = "admin-registered-" + RUN;
        String command = mandate.url(StackSettings.COMMAND_SERVICE);
        assertThat(basic.postJson(command + "/api/clients", "admin", "mandate-admin", """
                {"clientId":"%s","kind":"AGENT","name":"Admin's agent","owner":"team","allowedScopes":["docs.read"]}"""
                .formatted(adminClient), java.util.Map.of()).statusCode()).isEqualTo(201);

        HttpResponse<String> update = sendBasic("PUT", command + "/api/clients/" + adminClient, """
                {"name":"Hijacked","allowedScopes":["docs.read"]}""");
        HttpResponse<String> delete = sendBasic("DELETE", command + "/api/clients/" + adminClient + "?reason=x", null);
        HttpResponse<String> adminPath = sendBasic("POST", command + "/api/clients", """
                {"clientId":"sneaky-%s","kind":"AGENT","name":"x","owner":"x","allowedScopes":["docs.read"],
                 "registrationPath":"ADMIN"}""".formatted(RUN));

        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(adminPath.statusCode()).isEqualTo(400);
        assertThat(Http.json(basic.get(command + "/api/clients/" + adminClient, "admin", "mandate-admin"))
                .path("name").asText()).isEqualTo("Admin's agent");
    }

    private List<String> types(String query, String clientId) {
        List<String> types = new ArrayList<>();
        Http.json(basic.get(query + "/api/events?aggregateId=" + clientId, "investigator", "mandate-investigator"))
                .path("items").forEach(event -> types.add(event.path("type").asText()));
        return types;
    }

    private static JsonNode find(JsonNode events, String type) {
        for (JsonNode event : events) {
            if (type.equals(event.path("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in " + events);
    }

    private HttpResponse<String> send(String method, String url, String bearer, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As the token-issuer's service principal (role REGISTRAR) at the command API. */
    private HttpResponse<String> sendBasic(String method, String url, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("registrar:mandate-registrar".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Http.json(response);
    }

    /** A well-formed bearer token nobody was given. */
    private static final class BearerTokenOf {
        static String random() {
            return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        }
    }
}
