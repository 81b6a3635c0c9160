package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.ids.RandomIds;
import io.mandate.issuer.projection.ClientStatus;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.SoftwareStatementRef;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.id.ClientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * RFC 7591 registration and RFC 7592 read, update and delete. Stateless: the command-service records the
 * client (and answers the secret once), {@link RegistrationStore} keeps the registration access token's hash
 * and the metadata as accepted. Order of writes: the command side first (it may refuse), then the table; a
 * table failure deletes the fresh client again, so nothing stays half-registered.
 */
class RegistrationService {

    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    /** RFC 7592 §2.2: the client must not send these; they are the server's. */
    private static final Set<String> SERVER_FIELDS = Set.of("registration_access_token", "registration_client_uri",
            "client_id_issued_at", "client_secret_expires_at");

    private final RegistrationProperties properties;
    private final RegistrationPolicy policy;
    private final SoftwareStatements statements;
    private final CommandServiceClient commandService;
    private final RegistrationStore store;
    private final IssuerProjection projection;
    private final IssuerProperties issuer;
    private final Clock clock;
    private final ObjectMapper json = RegistrationJson.mapper();

    RegistrationService(RegistrationProperties properties, RegistrationPolicy policy, SoftwareStatements statements,
                        CommandServiceClient commandService, RegistrationStore store, IssuerProjection projection,
                        IssuerProperties issuer, Clock clock) {
        this.properties = properties;
        this.policy = policy;
        this.statements = statements;
        this.commandService = commandService;
        this.store = store;
        this.projection = projection;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** RFC 7591 §3.1: every request is a new client with a new id (docs/registration.md, "Duplicates"). */
    ObjectNode register(String contentType, byte[] body, String authorization) {
        if (!properties.openRegistration()
                && !BearerTokens.matchesAny(BearerTokens.fromAuthorization(authorization),
                properties.initialAccessTokenHashes())) {
            throw RegistrationError.invalidToken();
        }
        ObjectNode submitted = RegistrationJson.parseObject(contentType, body);
        if (submitted.has("client_id") || submitted.has("client_secret")) {
            throw RegistrationError.invalidMetadata("client_id and client_secret are assigned by the server");
        }
        Judged judged = judge(submitted, null);
        String clientId = "dcr-" + RandomIds.uuid();
        CommandServiceClient.Registered registered;
        try {
            registered = commandService.register(clientId, judged.request(), RegistrationPath.DYNAMIC_REGISTRATION);
        } catch (RegistrationError e) {
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                // A timeout leaves the outcome unknown: the command may still commit. Undo whatever it did.
                compensate(clientId);
            }
            throw e;
        }
        if (registered.outcome() != CommandServiceClient.Outcome.CREATED) {
            // A fresh random id cannot exist already; if it somehow does, register nothing rather than share it.
            log.error("Registration of a fresh client id was answered {}", registered.outcome());
            throw RegistrationError.unavailable();
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = BearerTokens.generate();
        ObjectNode metadata = metadata(clientId, judged.request(), now);
        try {
            store.insert(new RegistrationStore.Row(clientId, BearerTokens.hash(token), metadata.toString(),
                    judged.statement(), now));
        } catch (RegistrationError e) {
            compensate(clientId);
            throw e;
        }
        return response(metadata, token, registered.clientSecret(), judged.statement());
    }

    /** RFC 7592 §2.1. */
    ObjectNode read(String clientId, String authorization) {
        RegistrationStore.Row row = authorize(clientId, authorization);
        return response(parse(row.metadata()), null, null, row.softwareStatement());
    }

    /** RFC 7592 §2.2: the whole new description; a new registration access token (the old one stops working). */
    ObjectNode update(String clientId, String contentType, byte[] body, String authorization) {
        RegistrationStore.Row row = authorize(clientId, authorization);
        ObjectNode submitted = RegistrationJson.parseObject(contentType, body);
        if (!clientId.equals(submitted.path("client_id").asText(null))) {
            throw RegistrationError.invalidMetadata("client_id must be present and name this client");
        }
        for (String field : SERVER_FIELDS) {
            if (submitted.has(field)) {
                throw RegistrationError.invalidMetadata(field + " must not be sent in an update");
            }
        }
        ObjectNode current = parse(row.metadata());
        ClientKind kind = ClientKind.valueOf(current.path("client_kind").asText());
        Judged judged = judge(submitted, kind);
        boolean newCredentials = !judged.request().authMethod().wireName()
                .equals(current.path("token_endpoint_auth_method").asText())
                || !java.util.Objects.equals(judged.request().jwks(), current.get("jwks"));
        String name = judged.request().name() == null ? clientId : judged.request().name();
        String secret = commandService.update(clientId, name, judged.request(), newCredentials);
        Instant issuedAt = row.issuedAt();
        ObjectNode metadata = metadata(clientId, judged.request(), issuedAt);
        String token = BearerTokens.generate();
        if (!store.update(clientId, row.tokenHash(), BearerTokens.hash(token), metadata.toString(), judged.statement(),
                clock.instant())) {
            // Another update with the same token won the race: this token is no longer current.
            throw RegistrationError.invalidToken();
        }
        return response(metadata, token, secret, judged.statement());
    }

    /** RFC 7592 §2.3: the client is deleted for good (ClientDeleted); its tokens die with it. */
    void delete(String clientId, String authorization) {
        authorize(clientId, authorization);
        commandService.delete(clientId, "deleted by the client through RFC 7592");
        store.delete(clientId);
    }

    private RegistrationStore.Row authorize(String clientId, String authorization) {
        String token = BearerTokens.fromAuthorization(authorization);
        if (token == null || clientId == null || clientId.length() > 255) {
            throw RegistrationError.invalidToken();
        }
        RegistrationStore.Row row = store.find(clientId).orElseThrow(RegistrationError::invalidToken);
        if (!BearerTokens.matches(token, row.tokenHash())) {
            throw RegistrationError.invalidToken();
        }
        boolean deleted = projection.findClient(ClientId.of(clientId))
                .map(client -> client.status() == ClientStatus.DELETED).orElse(false);
        if (deleted) {
            throw RegistrationError.invalidToken();  // an administrator deleted it: the token died with it
        }
        return row;
    }

    private record Judged(ClientRegistrationRequest request, String statement) {
    }

    /** Verifies the software statement (if any), lets its claims override the request (RFC 7591 §2.3), judges. */
    private Judged judge(ObjectNode submitted, ClientKind fixedKind) {
        String statement = submitted.hasNonNull("software_statement") ? submitted.get("software_statement").asText()
                : null;
        if (submitted.has("software_statement") && !submitted.get("software_statement").isTextual()) {
            throw RegistrationError.invalidSoftwareStatement("software_statement must be a string");
        }
        SoftwareStatementRef ref = null;
        ObjectNode merged = submitted.deepCopy();
        if (statement != null) {
            SoftwareStatements.Verified verified = statements.verify(statement);
            ref = verified.ref();
            verified.clientClaims().forEach((name, value) -> merged.set(name, json.valueToTree(value)));
        } else if (properties.requireSoftwareStatement()) {
            throw RegistrationError.unapprovedSoftwareStatement("This server registers clients with a software statement only");
        }
        return new Judged(policy.judge(ClientMetadata.from(merged), ref, fixedKind), statement);
    }

    private void compensate(String clientId) {
        try {
            commandService.delete(clientId, "registration could not be completed by the token-issuer");
        } catch (RuntimeException e) {
            // The client exists without a registration record: nobody ever saw its secret or token. Logged for
            // an administrator, by id only.
            log.error("Could not undo the registration of {}; delete it through the admin API", clientId);
        }
    }

    /** The metadata as accepted (RFC 7591 §3.2.1), without secrets, tokens or the statement. */
    private ObjectNode metadata(String clientId, ClientRegistrationRequest request, Instant issuedAt) {
        ObjectNode metadata = json.createObjectNode();
        metadata.put("client_id", clientId);
        metadata.put("client_id_issued_at", issuedAt.getEpochSecond());
        metadata.put("client_name", request.name() == null ? clientId : request.name());
        metadata.put("client_kind", request.kind().name());
        metadata.set("redirect_uris", json.valueToTree(request.redirectUris()));
        metadata.set("grant_types", json.valueToTree(request.grantTypes()));
        metadata.set("response_types", json.valueToTree(request.responseTypes()));
        metadata.put("token_endpoint_auth_method", request.authMethod().wireName());
        metadata.put("scope", request.scopes().toString());
        if (request.jwks() != null) {
            metadata.set("jwks", request.jwks());
        }
        if (!request.resources().isEmpty()) {
            metadata.set("resource", json.valueToTree(request.resources()));
        }
        if (request.softwareStatement() != null && request.softwareStatement().softwareId() != null) {
            metadata.put("software_id", request.softwareStatement().softwareId());
        }
        if (request.softwareStatement() != null && request.softwareStatement().softwareVersion() != null) {
            metadata.put("software_version", request.softwareStatement().softwareVersion());
        }
        return metadata;
    }

    private ObjectNode response(ObjectNode metadata, String token, String secret, String statement) {
        ObjectNode response = metadata.deepCopy();
        String clientId = metadata.path("client_id").asText();
        if (secret != null) {
            response.put("client_secret", secret);
            response.put("client_secret_expires_at", 0);  // RFC 7591 §3.2.1: 0 = does not expire
        }
        if (token != null) {
            response.put("registration_access_token", token);
        }
        response.put("registration_client_uri", issuer.endpoint("/oauth2/register/") + clientId);
        if (statement != null) {
            response.put("software_statement", statement);
        }
        return response;
    }

    private ObjectNode parse(String stored) {
        try {
            JsonNode node = json.readTree(stored);
            return (ObjectNode) node;
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a stored registration is not a JSON object", e);
        }
    }
}
