package io.mandate.system.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Elasticsearch's REST API as plain JSON over HTTP: the benchmark sends the same requests the query-service's
 * Java client sends, and nothing on this classpath hides what they are.
 */
final class Elastic {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Elastic(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    JsonNode get(String path) {
        return read(send("GET", path, null, "application/json"), path);
    }

    /** The status alone (a 404 is an answer, not an error). */
    int status(String method, String path) {
        return send(method, path, null, "application/json").statusCode();
    }

    JsonNode post(String path, Object body) {
        try {
            return read(send("POST", path, body instanceof String text ? text : JSON.writeValueAsString(body),
                    "application/json"), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode put(String path, Object body) {
        try {
            return read(send("PUT", path, JSON.writeValueAsString(body), "application/json"), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code _bulk} request; fails when any item failed. */
    JsonNode bulk(String ndjson) {
        JsonNode response = read(send("POST", "/_bulk", ndjson, "application/x-ndjson"), "/_bulk");
        if (response.path("errors").asBoolean()) {
            for (JsonNode item : response.path("items")) {
                JsonNode result = item.elements().next();
                if (result.has("error")) {
                    throw new IllegalStateException("bulk item failed: " + result.get("error"));
                }
            }
        }
        return response;
    }

    long count(String index) {
        send("POST", "/" + index + "/_refresh", null, "application/json");
        return get("/" + index + "/_count").path("count").asLong();
    }

    void deleteIfExists(String index) {
        send("DELETE", "/" + index, null, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response, String path) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " → " + response.statusCode() + " " + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
