package io.mandate.issuer.client;

import io.mandate.issuer.projection.ClientView;
import io.mandate.messages.client.TokenEndpointAuthMethod;

import java.time.Instant;

/**
 * A client that proved who it is at the token endpoint.
 *
 * @param assertionJti for private_key_jwt: the assertion's jti, single-use (RFC 7523 §3 item 7);
 *                     recorded with the request's event so no instance accepts it twice
 * @param assertionExpiresAt until when the assertion's jti must stay remembered
 */
public record AuthenticatedClient(ClientView client, TokenEndpointAuthMethod method, String assertionJti,
                                  Instant assertionExpiresAt) {
}
