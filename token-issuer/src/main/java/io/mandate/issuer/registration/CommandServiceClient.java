package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The command-service's client API, called as the REGISTRAR service principal: the command side owns
 * the client aggregate, validates once more, and records {@code ClientRegistered} with the path used.
 * A 400 there becomes {@code invalid_client_metadata} naming the field; anything unexpected
 * (unreachable, 5xx, 401/403) becomes "unavailable", with nothing registered.
 */
class CommandServiceClient {

    private static final Logger log = LoggerFactory.getLogger(CommandServiceClient.class);
    /** Generous: a registration is rare, and giving up early leaves the outcome unknown (see RegistrationService). */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;
    private final URI base;
    private final String authorization;

    CommandServiceClient(RegistrationProperties properties, ObjectMapper json) {
        this.json = json;
        String url = properties.commandServiceUrl().toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (properties.registrarUser() + ":" + properties.registrarPassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** What the command side answered to a registration. */
    enum Outcome { CREATED, ALREADY_REGISTERED, CONFLICT }

    /** @param clientSecret the generated {@code client_secret_basic} secret, only when created */
    record Registered(Outcome outcome, String clientSecret) {
        @Override
        public String toString() {
            return "Registered[" + outcome + "]";
        }
    }

    Registered register(String clientId, ClientRegistrationRequest request, RegistrationPath path) {
        ObjectNode body = description(request);
        body.put("clientId", clientId);
        body.put("kind", request.kind().name());
        body.put("owner", request.owner());
        body.put("registrationPath", path.name());
        if (request.softwareStatement() != null && path == RegistrationPath.DYNAMIC_REGISTRATION) {
            ObjectNode statement = body.putObject("softwareStatement");
            statement.put("issuer", request.softwareStatement().issuer());
            statement.put("softwareId", request.softwareStatement().softwareId());
            statement.put("softwareVersion", request.softwareStatement().softwareVersion());
        }
        body.put("name", request.name() == null ? clientId : request.name());
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/clients"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        return switch (response.statusCode()) {
            case 201 -> new Registered(Outcome.CREATED, read(response).path("clientSecret").asText(null));
            case 200 -> new Registered(Outcome.ALREADY_REGISTERED, null);
            case 409 -> new Registered(Outcome.CONFLICT, null);
            default -> throw refusal(response);
        };
    }

    /** RFC 7592 §2.2 through {@code PUT /api/clients?clientId=}; answers the new secret if one was set. */
    String update(String clientId, String name, ClientRegistrationRequest request, boolean setCredentials) {
        ObjectNode body = description(request);
        body.put("name", name);
        if (!setCredentials) {
            body.remove("tokenEndpointAuthMethod");
            body.remove("jwks");
        }
        if (request.softwareStatement() != null) {
            ObjectNode statement = body.putObject("softwareStatement");
            statement.put("issuer", request.softwareStatement().issuer());
            statement.put("softwareId", request.softwareStatement().softwareId());
            statement.put("softwareVersion", request.softwareStatement().softwareVersion());
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        base.resolve("/api/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() != 200) {
            throw refusal(response);
        }
        return read(response).path("clientSecret").asText(null);
    }

    /**
     * RFC 7592 §2.3, or the compensation of a registration the issuer could not store. Idempotent: a
     * client that is already deleted (409) or was never created (404) has nothing left to delete.
     */
    void delete(String clientId, String reason) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/clients/"
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "?reason="
                        + URLEncoder.encode(reason, StandardCharsets.UTF_8)))
                .DELETE());
        if (response.statusCode() != 200 && response.statusCode() != 404 && response.statusCode() != 409) {
            throw refusal(response);
        }
    }

    private ObjectNode description(ClientRegistrationRequest request) {
        ObjectNode body = json.createObjectNode();
        body.putPOJO("allowedScopes", request.scopes().asList());
        body.putPOJO("resourceUris", request.resources());
        body.putPOJO("redirectUris", request.redirectUris());
        body.put("tokenEndpointAuthMethod", request.authMethod().wireName());
        if (request.authMethod() == TokenEndpointAuthMethod.PRIVATE_KEY_JWT) {
            body.set("jwks", request.jwks());
        }
        return body;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).header("Authorization", authorization)
                    .header("Content-Type", "application/json").header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("The command-service could not be reached: {}", e.getClass().getSimpleName());
            throw RegistrationError.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistrationError.unavailable();
        }
    }

    /** A 400 names the field the command side refused; anything else means nothing could be done now. */
    private RegistrationError refusal(HttpResponse<String> response) {
        if (response.statusCode() == 400) {
            JsonNode errors = read(response).path("errors");
            String field = errors.isArray() && !errors.isEmpty() ? errors.get(0).path("field").asText("metadata")
                    : "metadata";
            return field.equals("redirectUris")
                    ? RegistrationError.invalidRedirectUri("A redirect URI was refused")
                    : RegistrationError.invalidMetadata("Refused by the client registry: " + metadataName(field));
        }
        if (response.statusCode() == 409) {
            return RegistrationError.invalidMetadata("The client cannot change any more (deleted)");
        }
        log.warn("The command-service answered {} to the registrar", response.statusCode());
        return RegistrationError.unavailable();
    }

    /** The RFC 7591 name of a command-service field, so the client reads its own vocabulary. */
    private static String metadataName(String field) {
        if (field.startsWith("jwks")) {
            return "jwks";
        }
        return switch (field) {
            case "allowedScopes" -> "scope";
            case "resourceUris" -> "resource";
            case "name" -> "client_name";
            case "tokenEndpointAuthMethod" -> "token_endpoint_auth_method";
            default -> "client metadata";
        };
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
