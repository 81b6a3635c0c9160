package io.mandate.command.client;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.ClientCommands;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.grant.ClientKind;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/** The rules a client registration must meet; each refusal names the request field it concerns. */
final class ClientRules {

    static final int MAX_NAME = 200;
    static final int MAX_REASON = 500;
    static final int MAX_REDIRECT_URIS = 20;
    private static final int MAX_URI_LENGTH = 2048;

    /** Kinds that serve resources, so grants name them (or their URIs) as audience (RFC 8707 §2). */
    private static final Set<ClientKind> SERVERS = Set.of(ClientKind.RESOURCE_SERVER, ClientKind.MCP_SERVER);

    /**
     * Aggregate-id forms of the other streams in the one event store (grants, revocation grains, and
     * the token-issuer's issued tokens, refusals and signing keys): a client id in one of them would
     * append to another stream.
     */
    static final List<String> RESERVED_PREFIXES =
            List.of("grt_", "token:", "client:", "user:", "issued:", "refusal:", "key:");

    private ClientRules() {
    }

    static void requireValid(RegisterClient command) {
        String clientId = command.clientId().value();
        if (RESERVED_PREFIXES.stream().anyMatch(clientId::startsWith)) {
            throw new InvalidFieldException("clientId", "must not start with any of " + RESERVED_PREFIXES
                    + " (reserved for other records)");
        }
        if (command.name().isBlank() || command.name().length() > MAX_NAME) {
            throw new InvalidFieldException("name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (command.owner().isBlank()) {
            throw new InvalidFieldException("owner", "must not be blank");
        }
        if (command.allowedScopes().isEmpty()) {
            throw new InvalidFieldException("allowedScopes", "a client needs at least one scope");
        }
        requireResourceUris(command.kind(), command.resourceUris());
        requireRedirectUris(command.kind(), command.redirectUris());
    }

    /**
     * Syntax only (RFC 6749 §3.1.2: absolute, no fragment; compared exactly, so stored as given).
     * Which schemes and hosts a self-registering client may use is the token-issuer's registration
     * policy; an administrator may register any absolute URI (a native app's private-use scheme too).
     */
    static void requireRedirectUris(ClientKind kind, List<String> uris) {
        if (uris.isEmpty()) {
            return;
        }
        if (kind == ClientKind.RESOURCE_SERVER) {
            throw new InvalidFieldException("redirectUris", "a resource server never runs the authorization code flow");
        }
        if (uris.size() > MAX_REDIRECT_URIS) {
            throw new InvalidFieldException("redirectUris", "at most " + MAX_REDIRECT_URIS + " redirect URIs");
        }
        if (uris.size() != Set.copyOf(uris).size()) {
            throw new InvalidFieldException("redirectUris", "each redirect URI once");
        }
        for (String uri : uris) {
            if (!isRedirectUri(uri)) {
                throw new InvalidFieldException("redirectUris",
                        "'" + uri + "' is not an absolute URI without fragment (RFC 6749 §3.1.2)");
            }
        }
    }

    private static boolean isRedirectUri(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_URI_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getFragment() == null && uri.getRawFragment() == null
                    && !value.contains("#") && !"javascript".equalsIgnoreCase(uri.getScheme())
                    && !"data".equalsIgnoreCase(uri.getScheme());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An update changes the description, never the kind: the same rules as a registration of that kind. */
    static void requireValidUpdate(ClientKind kind, ClientCommands.UpdateClientMetadata command) {
        if (command.name().isBlank() || command.name().length() > MAX_NAME) {
            throw new InvalidFieldException("name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (command.allowedScopes().isEmpty()) {
            throw new InvalidFieldException("allowedScopes", "a client needs at least one scope");
        }
        requireResourceUris(kind, command.resourceUris());
        requireRedirectUris(kind, command.redirectUris());
    }

    /** Every admin action records why; the reason is what an investigator reads later. */
    static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidFieldException("reason", "must be 1 to " + MAX_REASON + " characters");
        }
    }

    private static void requireResourceUris(ClientKind kind, List<String> uris) {
        if (!SERVERS.contains(kind)) {
            if (!uris.isEmpty()) {
                throw new InvalidFieldException("resourceUris", "only resource servers and MCP servers serve resources");
            }
            return;
        }
        if (uris.isEmpty()) {
            throw new InvalidFieldException("resourceUris", "a " + kind + " needs at least one resource URI");
        }
        for (String uri : uris) {
            if (!isResourceIndicator(uri)) {
                throw new InvalidFieldException("resourceUris",
                        "'" + uri + "' is not an absolute http(s) URI without fragment (RFC 8707 §2)");
            }
        }
    }

    private static boolean isResourceIndicator(String value) {
        if (value == null || value.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    && uri.getHost() != null && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
