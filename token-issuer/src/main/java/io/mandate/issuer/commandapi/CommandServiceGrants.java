package io.mandate.issuer.commandapi;

import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-service's grant API as the authorization server uses it: the command-service owns
 * the Grant aggregate, so a consent creates the grant there ({@code POST /api/grants}, with an
 * Idempotency-Key so a retried consent creates one grant) and a withdrawal revokes it there.
 */
public class CommandServiceGrants {

    /**
     * A grant the user approved.
     *
     * @param authenticatedBy how the user signed in: {@code local}, or the issuer of the OpenID Provider
     */
    public record ConsentedGrant(UserId userId, ClientId agentId, String audience, Scopes scopes,
                                 Set<ClientKind> allowedNextKinds, int maxDepth, Instant expiresAt,
                                 String authenticatedBy) {
    }

    /** The command-service refused or could not be reached; {@code status} 0 when it did not answer. */
    public static class GrantApiException extends RuntimeException {
        private final int status;

        GrantApiException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final RestClient http;

    public CommandServiceGrants(CommandServiceProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        this.http = RestClient.builder()
                .baseUrl(properties.url().toString())
                .requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(properties.username(), properties.password()))
                .build();
    }

    /** Creates the grant (origin CONSENT, created by the user); a retry with the same key answers the same id. */
    public GrantId create(ConsentedGrant grant, String idempotencyKey) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("userId", grant.userId().value());
        body.put("agentId", grant.agentId().value());
        body.put("audience", grant.audience());
        body.put("scopes", grant.scopes().asList());
        body.put("policy", Map.of("allowedNextKinds", grant.allowedNextKinds().stream().map(Enum::name).sorted().toList(),
                "allowedNextClients", List.of(), "maxDepth", grant.maxDepth(), "approvalScopes", List.of()));
        if (grant.expiresAt() != null) {
            body.put("expiresAt", grant.expiresAt().toString());
        }
        if (grant.authenticatedBy() != null) {
            body.put("authenticatedBy", grant.authenticatedBy());
        }
        Map<?, ?> created = call(() -> http.post().uri("/api/grants").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey).body(body).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw new GrantApiException(response.getStatusCode().value(), "grant creation refused");
                })
                .body(Map.class));
        return GrantId.of(String.valueOf(created.get("grantId")));
    }

    /** Revokes the user's own grant with the user as actor; false when it is not theirs (404). */
    public boolean withdraw(GrantId grantId, UserId userId) {
        Boolean found = call(() -> http.post().uri("/api/grants/{id}/withdraw", grantId.value())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("userId", userId.value(), "reason", "withdrawn by the user"))
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 404) {
                        return false;
                    }
                    if (status >= 400) {
                        throw new GrantApiException(status, "withdrawal refused");
                    }
                    return true;
                }));
        return Boolean.TRUE.equals(found);
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (GrantApiException e) {
            throw e;
        } catch (RestClientException e) {
            throw new GrantApiException(0, "the command-service did not answer");
        }
    }
}
