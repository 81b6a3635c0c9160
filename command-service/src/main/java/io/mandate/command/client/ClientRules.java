package io.mandate.command.client;

import io.mandate.command.web.InvalidFieldException;
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
