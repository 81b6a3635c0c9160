package io.mandate.issuer.token;

import io.mandate.issuer.client.ClientAuthentication;
import jakarta.servlet.http.HttpServletRequest;

/** Client credentials as the OAuth endpoints receive them (RFC 6749 §2.3). */
final class EndpointCredentials {

    private EndpointCredentials() {
    }

    static ClientAuthentication.Credentials of(HttpServletRequest request) {
        return new ClientAuthentication.Credentials(request.getHeader("Authorization"),
                TokenRequests.optionalParameter(request, "client_id").orElse(null),
                request.getParameter("client_secret"),
                TokenRequests.optionalParameter(request, "client_assertion_type").orElse(null),
                TokenRequests.optionalParameter(request, "client_assertion").orElse(null));
    }
}
