package io.mandate.issuer.authorize;

import io.mandate.issuer.projection.ClientView;
import io.mandate.messages.grant.Scopes;

/**
 * A validated authorization request (RFC 6749 §4.1.1 with RFC 7636 and RFC 8707), waiting for the
 * user's decision on the consent page.
 *
 * @param agent         the requesting client (an agent or MCP server)
 * @param redirectUri   one of the agent's registered redirect URIs, exactly
 * @param resource      the RFC 8707 resource the grant is for, and its serving client
 * @param scopes        what the agent asks for, within its allowed scopes
 * @param state         echoed in the redirect, or null
 * @param codeChallenge the S256 PKCE challenge
 */
public record AuthorizationRequest(ClientView agent, String redirectUri, String resource, ClientView resourceServer,
                                   Scopes scopes, String state, String codeChallenge) {
}
