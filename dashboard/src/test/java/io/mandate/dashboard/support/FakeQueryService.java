package io.mandate.dashboard.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the query-service's HTTP API (a unit-level fake of a collaborator): answers each
 * path with what the test set for it (longest matching prefix; a default otherwise) and records
 * every request it saw.
 */
public final class FakeQueryService implements AutoCloseable {

    /** One request as the fake saw it. */
    public record Seen(String method, String uri, String authorization, String body, String idempotencyKey) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> byPath = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer fallback = new Answer(200, "{\"items\":[],\"total\":0}");

    public FakeQueryService() {
        // Like Tomcat (the real query-service), answer without Nagle's delay: the JDK server's default
        // otherwise holds each small answer ~40 ms for the client's delayed ACK, which made a page that asks
        // about a few hundred clients look 20 s slow. Read once per JVM, so set before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), uri, exchange.getRequestHeaders().getFirst("Authorization"),
                    body, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            String path = exchange.getRequestURI().getPath();
            Answer answer = byPath.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                    .map(Map.Entry::getValue).orElse(fallback);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    answer.status() < 300 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        // Several requests at once, as Tomcat serves them (the chain view looks clients up concurrently).
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "fake-query-service");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What every path without its own answer gets. */
    public void answer(int status, String body) {
        this.fallback = new Answer(status, body);
        byPath.clear();
    }

    /** What requests whose path starts with {@code pathPrefix} get. */
    public void answer(String pathPrefix, int status, String body) {
        byPath.put(pathPrefix, new Answer(status, body));
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public void forget() {
        seen.clear();
    }

    public Seen last(String pathPrefix) {
        return seen.stream().filter(s -> s.uri().startsWith(pathPrefix)).reduce((a, b) -> b).orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
