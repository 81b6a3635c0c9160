package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.client.SoftwareStatementRef;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges submitted metadata against the deployment's registration policy and turns it into a
 * {@link ClientRegistrationRequest} (what the command-service is asked to record). Stateless.
 */
final class RegistrationPolicy {

    static final String AUTHORIZATION_CODE = "authorization_code";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final Set<String> SUPPORTED_GRANT_TYPES = Set.of(AUTHORIZATION_CODE, CLIENT_CREDENTIALS, TOKEN_EXCHANGE);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "::1", "localhost");
    private static final int MAX_URI = 2048;
    private static final int MAX_NAME = 200;

    private final RegistrationProperties properties;

    RegistrationPolicy(RegistrationProperties properties) {
        this.properties = properties;
    }

    /**
     * @param metadata  the submitted metadata, software statement claims already merged over it
     * @param statement the verified statement's reference, or null
     * @param fixedKind for an update or a metadata document: the kind the client has (or must have); null
     *                  lets {@code client_kind} choose (default AGENT)
     */
    ClientRegistrationRequest judge(ClientMetadata metadata, SoftwareStatementRef statement, ClientKind fixedKind) {
        ClientKind kind = kind(metadata.clientKind(), fixedKind);
        RegistrationProperties.KindPolicy kindPolicy = properties.kinds().get(kind);
        if (kindPolicy == null || kindPolicy.maxScopes().isEmpty()) {
            throw RegistrationError.invalidMetadata("client_kind " + kind + " may not register itself here");
        }
        Scopes scopes = scopes(metadata.scope(), Scopes.of(kindPolicy.maxScopes()));
        List<String> grantTypes = metadata.grantTypes() == null ? List.of(AUTHORIZATION_CODE) : metadata.grantTypes();
        for (String grantType : grantTypes) {
            if (!SUPPORTED_GRANT_TYPES.contains(grantType)) {
                throw RegistrationError.invalidMetadata("grant_types holds a grant type this server does not support");
            }
        }
        boolean codeFlow = grantTypes.contains(AUTHORIZATION_CODE);
        List<String> responseTypes = metadata.responseTypes() == null
                ? (codeFlow ? List.of("code") : List.of()) : metadata.responseTypes();
        // RFC 7591 §2.1: response_types and grant_types must agree.
        if (!responseTypes.equals(codeFlow ? List.of("code") : List.of())) {
            throw RegistrationError.invalidMetadata(
                    "response_types must be [\"code\"] exactly when grant_types holds authorization_code");
        }
        List<String> redirectUris = redirectUris(metadata.redirectUris(), codeFlow);
        TokenEndpointAuthMethod method = authMethod(metadata.tokenEndpointAuthMethod());
        if (method == TokenEndpointAuthMethod.NONE && !grantTypes.equals(List.of(AUTHORIZATION_CODE))) {
            // A public client proves nothing at the token endpoint: only the code flow with PKCE is safe for it.
            throw RegistrationError.invalidMetadata(
                    "token_endpoint_auth_method none is for public clients using authorization_code (with PKCE) only");
        }
        if (metadata.jwksUri() != null) {
            throw RegistrationError.invalidMetadata("jwks_uri is not supported; register the public keys as jwks");
        }
        JsonNode jwks = metadata.jwks();
        if (method == TokenEndpointAuthMethod.PRIVATE_KEY_JWT && jwks == null) {
            throw RegistrationError.invalidMetadata("private_key_jwt needs jwks");
        }
        if (method != TokenEndpointAuthMethod.PRIVATE_KEY_JWT && jwks != null) {
            throw RegistrationError.invalidMetadata("jwks is only accepted with private_key_jwt");
        }
        List<String> resources = resources(kind, metadata.resources());
        String name = metadata.clientName();
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            throw RegistrationError.invalidMetadata("client_name must be 1 to " + MAX_NAME + " characters");
        }
        return new ClientRegistrationRequest(kind, name, scopes, redirectUris, grantTypes, responseTypes, method, jwks,
                resources, statement);
    }

    private static ClientKind kind(String requested, ClientKind fixed) {
        if (requested == null) {
            return fixed == null ? ClientKind.AGENT : fixed;
        }
        ClientKind kind = Arrays.stream(ClientKind.values()).filter(k -> k.name().equals(requested)).findFirst()
                .orElseThrow(() -> RegistrationError.invalidMetadata("client_kind must be one of "
                        + Arrays.toString(ClientKind.values())));
        if (fixed != null && kind != fixed) {
            throw RegistrationError.invalidMetadata("client_kind cannot change; register a new client instead");
        }
        return kind;
    }

    private static Scopes scopes(String requested, Scopes max) {
        if (requested == null) {
            return max;
        }
        Scopes scopes;
        try {
            scopes = Scopes.parse(requested);
        } catch (IllegalArgumentException e) {
            throw RegistrationError.invalidMetadata("scope must be space-separated RFC 6749 §3.3 scope tokens");
        }
        if (scopes.isEmpty()) {
            throw RegistrationError.invalidMetadata("scope must name at least one scope");
        }
        Set<String> excess = new HashSet<>(scopes.asList());
        excess.removeAll(max.asList());
        if (!excess.isEmpty()) {
            throw RegistrationError.invalidMetadata("scope exceeds what this kind of client may ever hold");
        }
        return scopes;
    }

    private List<String> redirectUris(List<String> uris, boolean codeFlow) {
        List<String> given = uris == null ? List.of() : uris;
        if (codeFlow && given.isEmpty()) {
            throw RegistrationError.invalidRedirectUri("authorization_code needs at least one redirect URI");
        }
        if (given.size() > properties.maxRedirectUris()) {
            throw RegistrationError.invalidRedirectUri("at most " + properties.maxRedirectUris() + " redirect URIs");
        }
        given.forEach(RegistrationPolicy::requireRedirectUri);
        return given;
    }

    /** https anywhere; plain http only to a loopback address (RFC 8252 §7.3, native apps); never a fragment. */
    static void requireRedirectUri(String value) {
        if (value.length() > MAX_URI) {
            throw RegistrationError.invalidRedirectUri("a redirect URI is too long");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw RegistrationError.invalidRedirectUri("a redirect URI is not a URI");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw RegistrationError.invalidRedirectUri("a redirect URI must be absolute, with a host, without fragment or user info");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            throw RegistrationError.invalidRedirectUri("a redirect URI must use https (http only on a loopback address)");
        }
    }

    private static TokenEndpointAuthMethod authMethod(String requested) {
        if (requested == null) {
            return TokenEndpointAuthMethod.CLIENT_SECRET_BASIC;
        }
        try {
            return TokenEndpointAuthMethod.fromWireName(requested);
        } catch (IllegalArgumentException e) {
            throw RegistrationError.invalidMetadata(
                    "token_endpoint_auth_method must be client_secret_basic, private_key_jwt or none");
        }
    }

    private static List<String> resources(ClientKind kind, List<String> resources) {
        List<String> given = resources == null ? List.of() : resources;
        boolean server = kind == ClientKind.MCP_SERVER || kind == ClientKind.RESOURCE_SERVER;
        if (server && given.isEmpty()) {
            throw RegistrationError.invalidMetadata("resource: a " + kind + " needs at least one resource URI");
        }
        if (!server && !given.isEmpty()) {
            throw RegistrationError.invalidMetadata("resource is only for MCP servers and resource servers");
        }
        for (String value : given) {
            try {
                URI uri = new URI(value);
                if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawFragment() != null) {
                    throw RegistrationError.invalidMetadata("resource must hold absolute https URIs without fragment");
                }
            } catch (URISyntaxException e) {
                throw RegistrationError.invalidMetadata("resource must hold absolute https URIs without fragment");
            }
        }
        return given;
    }
}
