package io.mandate.dashboard.queryapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.dashboard.queryapi.QueryServiceException.Reason;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The dashboard's only way to data: the query-service HTTP API, called with the service credential
 * of the signed-in person's role ({@link Caller}; HTTP Basic, RFC 7617). Every failure becomes a
 * {@link QueryServiceException} whose reason a page turns into a plain sentence.
 */
@Component
public class QueryServiceClient {

    private final RestClient reader;
    private final RestClient responder;
    private final RestClient actions;
    private final RestClient exports;
    private final QueryServiceProperties properties;
    private final ObjectMapper json;

    QueryServiceClient(RestClient.Builder builder, QueryServiceProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.reader = client(builder, properties.username(), properties.password(), properties.readTimeout());
        this.responder = client(builder, properties.responderUsername(), properties.responderPassword(),
                properties.readTimeout());
        // A revocation waits until every issuer confirms it (bounded at the query-service): a longer read timeout.
        this.actions = client(builder, properties.responderUsername(), properties.responderPassword(),
                properties.actionTimeout());
        this.exports = client(builder, properties.username(), properties.password(), properties.exportTimeout());
    }

    private RestClient client(RestClient.Builder builder, String username, String password,
                              java.time.Duration readTimeout) {
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(properties.connectTimeout());
        requestFactory.setReadTimeout(readTimeout);
        return builder.clone()
                .requestFactory(requestFactory)
                .defaultHeaders(headers -> headers.setBasicAuth(username, password))
                .build();
    }

    /** A GET of {@code uri} (built on the query-service's base URL), read as {@code type}. */
    public <T> T get(Caller caller, Function<UriBuilder, URI> uri, Class<T> type) {
        RestClient client = caller == Caller.RESPONDER ? responder : reader;
        return call(() -> client.get().uri(properties.url().toString(), uri).retrieve().body(type));
    }

    /**
     * A POST of a JSON body as the caller's credential. Revocations go through here: for a reader the
     * read-only credential is sent, and the query-service refuses it (403).
     */
    public <T> T post(Caller caller, Function<UriBuilder, URI> uri, Object body, Map<String, String> headers,
                      Class<T> type) {
        RestClient client = caller == Caller.RESPONDER ? actions : reader;
        return call(() -> client.post().uri(properties.url().toString(), uri)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::set))
                .body(body).retrieve().body(type));
    }

    /** What a streamed answer hands to its consumer: the response headers and the body. */
    public interface Download {
        void accept(HttpHeaders headers, InputStream body) throws IOException;
    }

    /** A GET whose body is streamed to {@code download} as it arrives (exports: never held in memory). */
    public void stream(Function<UriBuilder, URI> uri, Download download) {
        call(() -> exports.get().uri(properties.url().toString(), uri).exchange((request, response) -> {
            if (response.getStatusCode().isError()) {
                byte[] body = response.getBody().readAllBytes();
                throw new RestClientResponseException("export refused", response.getStatusCode(),
                        response.getStatusText(), response.getHeaders(), body, null);
            }
            try {
                download.accept(response.getHeaders(), response.getBody());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }));
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            throw new QueryServiceException(Reason.UNREACHABLE,
                    "no answer from the query-service at " + properties.url() + ": " + e.getMessage(), e);
        } catch (RestClientResponseException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            Reason reason = status == null ? Reason.FAILED : switch (status) {
                case UNAUTHORIZED -> Reason.CREDENTIALS_REFUSED;
                case FORBIDDEN -> Reason.FORBIDDEN;
                case NOT_FOUND -> Reason.NOT_FOUND;
                case BAD_REQUEST, CONFLICT -> Reason.REJECTED;
                default -> Reason.FAILED;
            };
            throw new QueryServiceException(reason, "the query-service answered " + e.getStatusCode().value(),
                    problemDetail(e), e);
        } catch (RestClientException e) {
            throw new QueryServiceException(Reason.FAILED, "unreadable answer from the query-service: " + e.getMessage(), e);
        }
    }

    /** The problem document's {@code detail}, shown for 400/404/409 (it names the parameter, never internals). */
    private String problemDetail(RestClientResponseException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsByteArray());
            return problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
