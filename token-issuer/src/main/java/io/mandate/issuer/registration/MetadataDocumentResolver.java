package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.id.ClientId;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link ClientResolver} for registered ids (the projection) and for client ID metadata documents: fetched
 * with {@link SafeFetcher}, required to name themselves ({@code client_id} equal to the URL, character for
 * character), judged by the same {@link RegistrationPolicy} as dynamic registration (kind from the
 * configuration), then registered once through the command-service. The same document again writes
 * nothing (the command side compares descriptions); a changed document becomes one ClientMetadataUpdated.
 * No secret can be handed to a document's client, so it authenticates with {@code private_key_jwt} (jwks in
 * the document) or is a public client ({@code none}, code flow with PKCE only).
 */
class MetadataDocumentResolver implements ClientResolver {

    private final RegistrationProperties.MetadataDocuments config;
    private final SafeFetcher fetcher;
    private final RegistrationPolicy policy;
    private final CommandServiceClient commandService;
    private final IssuerProjection projection;
    private final DocumentCache cache;

    MetadataDocumentResolver(RegistrationProperties properties, SafeFetcher fetcher, RegistrationPolicy policy,
                             CommandServiceClient commandService, IssuerProjection projection, Clock clock) {
        this.config = properties.metadataDocuments();
        this.fetcher = fetcher;
        this.policy = policy;
        this.commandService = commandService;
        this.projection = projection;
        this.cache = new DocumentCache(config.cacheMaxEntries(), config.cacheDefaultTtl(), config.cacheMaxTtl(), clock);
    }

    @Override
    public Optional<ResolvedClient> resolve(String clientId) {
        if (clientId == null || clientId.isBlank() || clientId.length() > 255) {
            return Optional.empty();
        }
        if (!isDocumentUrl(clientId)) {
            return projection.findClient(ClientId.of(clientId)).map(this::fromProjection);
        }
        if (!config.enabled()) {
            throw new ClientResolutionException("client ID metadata documents are not accepted here");
        }
        Optional<ResolvedClient> cached = cache.get(clientId);
        if (cached.isPresent()) {
            return cached;
        }
        URI url;
        try {
            url = new URI(clientId);
        } catch (URISyntaxException e) {
            throw new ClientResolutionException("the client_id is not a URL");
        }
        SafeFetcher.Response response;
        try {
            response = fetcher.get(url);
        } catch (SafeFetcher.FetchRefused e) {
            throw new ClientResolutionException("the client metadata document was refused: " + e.getMessage());
        }
        ResolvedClient client = register(clientId, response);
        cache.put(clientId, client, response.headers());
        return Optional.of(client);
    }

    private ResolvedClient register(String clientId, SafeFetcher.Response response) {
        ObjectNode document;
        ClientRegistrationRequest request;
        try {
            document = RegistrationJson.parseObject("application/json", response.body());
            if (!clientId.equals(document.path("client_id").asText(null))) {
                throw new ClientResolutionException("the document's client_id is not its own URL");
            }
            request = policy.judge(ClientMetadata.from(document), null, config.kind());
        } catch (RegistrationError e) {
            throw new ClientResolutionException("the client metadata document is not acceptable: "
                    + e.body().description());
        }
        if (request.authMethod() == TokenEndpointAuthMethod.CLIENT_SECRET_BASIC) {
            throw new ClientResolutionException("a metadata document's client cannot use a client secret: "
                    + "use private_key_jwt or none");
        }
        String name = request.name() == null ? clientId : request.name();
        try {
            CommandServiceClient.Registered registered =
                    commandService.register(clientId, request, RegistrationPath.METADATA_DOCUMENT);
            if (registered.outcome() == CommandServiceClient.Outcome.CONFLICT) {
                // Registered before with another description: the document changed. Record the new one.
                commandService.update(clientId, name, request, true);
            }
        } catch (RegistrationError e) {
            throw new ClientResolutionException("the client could not be registered: " + e.body().description());
        }
        return new ResolvedClient(clientId, request.kind(), name, request.redirectUris(), request.scopes(),
                request.authMethod(), RegistrationPath.METADATA_DOCUMENT, true);
    }

    private boolean isDocumentUrl(String clientId) {
        return clientId.startsWith("https://") || (config.allowHttp() && clientId.startsWith("http://"));
    }

    private ResolvedClient fromProjection(ClientView client) {
        TokenEndpointAuthMethod method = projection.findSecrets(client.clientId()).map(secrets -> secrets.credentials().method())
                .orElse(null);
        return new ResolvedClient(client.clientId().value(), client.kind(), client.name(), client.redirectUris(),
                client.allowedScopes(), method, client.registrationPath(), client.isActive());
    }
}
