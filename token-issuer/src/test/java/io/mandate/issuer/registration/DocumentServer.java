package io.mandate.issuer.registration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server on 127.0.0.1 playing the client's side of client ID metadata documents: good,
 * oversized (declared or chunked), slow, redirecting and mismatched documents, each at its own path.
 */
final class DocumentServer implements AutoCloseable {

    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    DocumentServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Handler handler = handlers.get(exchange.getRequestURI().getPath());
            try {
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client hung up (a timeout or size refusal on its side): nothing to do
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int requests() {
        return requests.get();
    }

    DocumentServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** A JSON document with the given headers (name, value pairs). */
    DocumentServer json(String path, String body, String... headers) {
        return on(path, exchange -> {
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    /** A document streamed without Content-Length (chunked). */
    DocumentServer chunked(String path, int bytes) {
        return on(path, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = "x".repeat(512).getBytes(StandardCharsets.US_ASCII);
                for (int sent = 0; sent < bytes; sent += block.length) {
                    out.write(block);
                    out.flush();
                }
            }
        });
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
