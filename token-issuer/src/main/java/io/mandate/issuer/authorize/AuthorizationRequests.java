package io.mandate.issuer.authorize;

import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates {@code GET /oauth2/authorize} (RFC 6749 §4.1.1, §3.1.2; RFC 7636 §4.3; RFC 8707 §2).
 * First the client and the redirect URI: until both are known good nothing is redirected (an
 * open redirector otherwise). Then, with errors redirected to the client: response type, PKCE
 * (S256 only; {@code plain} or no challenge is {@code invalid_request}), the resource, scopes and
 * state. Repeated parameters are refused (§3.1).
 */
public class AuthorizationRequests {

    static final int MAX_STATE = 1024;
    static final Set<ClientKind> GRANTEE_KINDS = Set.of(ClientKind.AGENT, ClientKind.MCP_SERVER);

    private final IssuerProjection projection;

    public AuthorizationRequests(IssuerProjection projection) {
        this.projection = projection;
    }

    AuthorizationRequest validate(Map<String, String[]> parameters) {
        String clientIdValue = single(parameters, "client_id", null, null)
                .orElseThrow(() -> AuthorizationFailure.page("The request names no client (client_id)."));
        ClientView agent = client(clientIdValue)
                .orElseThrow(() -> AuthorizationFailure.page("The client is unknown or not active."));
        String redirectUri = single(parameters, "redirect_uri", null, null)
                .orElseThrow(() -> AuthorizationFailure.page("The request has no redirect_uri."));
        if (!agent.redirectUris().contains(redirectUri)) {
            // Exact string comparison (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3): no prefix, no normalisation.
            throw AuthorizationFailure.page("The redirect_uri is not registered for this client.");
        }
        String state = single(parameters, "state", redirectUri, null).orElse(null);
        if (state != null && state.length() > MAX_STATE) {
            throw AuthorizationFailure.redirect("invalid_request", "state is too long", redirectUri, null);
        }
        String responseType = require(parameters, "response_type", redirectUri, state);
        if (!"code".equals(responseType)) {
            throw AuthorizationFailure.redirect("unsupported_response_type", "Only response_type=code is supported",
                    redirectUri, state);
        }
        if (!GRANTEE_KINDS.contains(agent.kind())) {
            throw AuthorizationFailure.redirect("unauthorized_client",
                    "Only agents and MCP servers may be granted access by a user", redirectUri, state);
        }
        String challenge = single(parameters, "code_challenge", redirectUri, state).orElseThrow(() ->
                AuthorizationFailure.redirect("invalid_request", "code_challenge is required (PKCE)", redirectUri, state));
        String method = single(parameters, "code_challenge_method", redirectUri, state).orElse("plain");
        if (!Pkce.S256.equals(method)) {
            throw AuthorizationFailure.redirect("invalid_request", "code_challenge_method must be S256", redirectUri,
                    state);
        }
        if (!Pkce.isS256Challenge(challenge)) {
            throw AuthorizationFailure.redirect("invalid_request", "code_challenge is not an S256 challenge",
                    redirectUri, state);
        }
        String resource = single(parameters, "resource", redirectUri, state).orElseThrow(() ->
                AuthorizationFailure.redirect("invalid_target", "resource is required (RFC 8707)", redirectUri, state));
        ClientView resourceServer = resourceServer(resource).orElseThrow(() -> AuthorizationFailure.redirect(
                "invalid_target", "resource is not a registered resource", redirectUri, state));
        Scopes scopes = scopes(parameters, agent, resourceServer, redirectUri, state);
        return new AuthorizationRequest(agent, redirectUri, resource, resourceServer, scopes, state, challenge);
    }

    private Optional<ClientView> client(String value) {
        try {
            return projection.findClient(ClientId.of(value)).filter(c -> c.kind() != null && c.isActive());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An absolute URI without fragment that a registered, active resource server or MCP server serves. */
    private Optional<ClientView> resourceServer(String resource) {
        try {
            URI uri = URI.create(resource);
            if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return projection.clientServing(resource).flatMap(projection::findClient)
                .filter(c -> c.kind() != null && c.isActive());
    }

    /**
     * The requested scopes, syntax per RFC 6749 §3.3, within what the agent may ever hold; without
     * {@code scope}, what the agent may hold that the resource server defines.
     */
    private static Scopes scopes(Map<String, String[]> parameters, ClientView agent, ClientView resourceServer,
                                 String redirectUri, String state) {
        Optional<String> raw = single(parameters, "scope", redirectUri, state);
        Scopes scopes;
        if (raw.isEmpty()) {
            TreeSet<String> common = new TreeSet<>(agent.allowedScopes().values());
            common.retainAll(resourceServer.allowedScopes() == null ? Set.of() : resourceServer.allowedScopes().values());
            scopes = new Scopes(common);
        } else {
            String value = raw.get();
            if (value.startsWith(" ") || value.endsWith(" ") || value.contains("  ")) {
                throw AuthorizationFailure.redirect("invalid_scope", "scope must be single-space delimited",
                        redirectUri, state);
            }
            try {
                scopes = Scopes.of(Arrays.asList(value.split(" ")));
            } catch (IllegalArgumentException e) {
                throw AuthorizationFailure.redirect("invalid_scope", "scope holds a character RFC 6749 forbids",
                        redirectUri, state);
            }
            if (!scopes.isWithin(agent.allowedScopes())) {
                throw AuthorizationFailure.redirect("invalid_scope", "scope exceeds what this client may hold",
                        redirectUri, state);
            }
        }
        if (scopes.isEmpty()) {
            throw AuthorizationFailure.redirect("invalid_scope", "No scope to ask the user for", redirectUri, state);
        }
        return scopes;
    }

    private static String require(Map<String, String[]> parameters, String name, String redirectUri, String state) {
        return single(parameters, name, redirectUri, state).orElseThrow(() -> AuthorizationFailure.redirect(
                "invalid_request", "Missing required parameter " + name, redirectUri, state));
    }

    /** A parameter given at most once and not empty; before the redirect URI is known, errors are page-only. */
    private static Optional<String> single(Map<String, String[]> parameters, String name, String redirectUri,
                                           String state) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1 || values[0].isEmpty()) {
            String description = "Parameter " + name + (values.length > 1 ? " is repeated" : " is empty");
            throw redirectUri == null ? AuthorizationFailure.page(description + ".")
                    : AuthorizationFailure.redirect("invalid_request", description, redirectUri, state);
        }
        return Optional.of(values[0]);
    }
}
