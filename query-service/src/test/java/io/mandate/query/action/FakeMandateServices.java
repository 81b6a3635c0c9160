package io.mandate.query.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A local HTTP stand-in for the command-service's revocation API and the token-issuers'
 * {@code /internal} views, speaking their documented JSON (docs/api.md). On a revocation it
 * publishes the real event to Kafka through {@code publisher}, as the command-service would, so
 * the query side under test really ingests it. Each issuer confirms a revocation it has "heard
 * of" after {@code lagPolls} polls; client ids starting with {@code stuck-} are never confirmed
 * by the second issuer, and ids starting with {@code gone-} are unknown to the command-service.
 */
final class FakeMandateServices implements AutoCloseable {

    /** One request the fake command-service received. */
    record Received(String method, String path, String authorization, String idempotencyKey, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final Consumer<MandateEvent> publisher;
    private final List<Received> commandRequests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> revocationChecks = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<String, Integer> polls = new ConcurrentHashMap<>();
    private final int lagPolls;

    FakeMandateServices(Consumer<MandateEvent> publisher, int lagPolls) {
        this.publisher = publisher;
        this.lagPolls = lagPolls;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/command/", this::command);
        server.createContext("/issuer-1/", exchange -> issuer(exchange, 1));
        server.createContext("/issuer-2/", exchange -> issuer(exchange, 2));
        server.start();
    }

    String url(String base) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + base;
    }

    List<Received> commandRequests() {
        return commandRequests;
    }

    List<JsonNode> revocationChecks() {
        return revocationChecks;
    }

    private void command(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/command".length());
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        commandRequests.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
        String[] parts = path.split("/");  // "", api, revocations, clients, <id>
        String id = parts[parts.length - 1];
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String reason = body.path("reason").asText();
        if (id.startsWith("gone-")) {
            respond(exchange, 404, "{\"type\":\"about:blank\",\"title\":\"Unknown client\",\"status\":404,"
                    + "\"detail\":\"No client " + id + " is registered.\"}");
            return;
        }
        if (path.startsWith("/api/revocations/clients/")) {
            publisher.accept(new ClientRevoked(ClientId.of(id), reason, "responder", at));
            revoked.put("client:" + id, at);
            respond(exchange, 201, json.writeValueAsString(Map.of("revoked", "client:" + id, "revokedAt", at.toString(),
                    "revokedBy", "responder", "reason", reason, "event", "ClientRevoked")));
        } else if (path.startsWith("/api/revocations/tokens/")) {
            publisher.accept(new TokenRevoked(Jti.of(id), reason, "responder", at));
            revoked.put("token:" + id, at);
            respond(exchange, 201, json.writeValueAsString(Map.of("revoked", "token:" + id, "revokedAt", at.toString(),
                    "revokedBy", "responder", "reason", reason, "event", "TokenRevoked")));
        } else {
            respond(exchange, 500, "{}");
        }
    }

    private void issuer(HttpExchange exchange, int instance) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(("/issuer-" + instance).length());
        if (path.startsWith("/internal/projection/clients/")) {
            String id = path.substring("/internal/projection/clients/".length());
            Instant at = revoked.get("client:" + id);
            boolean stuck = instance == 2 && id.startsWith("stuck-");
            if (at == null || stuck || polls.merge(instance + ":" + id, 1, Integer::sum) <= lagPolls) {
                respond(exchange, 200, "{\"client\":{\"clientId\":\"" + id + "\",\"status\":\"ACTIVE\"},\"watermark\":null}");
            } else {
                respond(exchange, 200, "{\"client\":{\"clientId\":\"" + id + "\",\"status\":\"ACTIVE\"},"
                        + "\"watermark\":{\"reason\":\"x\",\"revokedBy\":\"responder\",\"revokedAt\":\"" + at + "\"}}");
            }
        } else if (path.equals("/internal/revocation/check")) {
            JsonNode facts = json.readTree(exchange.getRequestBody().readAllBytes());
            revocationChecks.add(facts);
            boolean isRevoked = revoked.containsKey("token:" + facts.path("jti").asText());
            respond(exchange, 200, "{\"jti\":\"" + facts.path("jti").asText() + "\",\"revoked\":" + isRevoked
                    + ",\"grain\":" + (isRevoked ? "\"TOKEN\"" : "null") + "}");
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
