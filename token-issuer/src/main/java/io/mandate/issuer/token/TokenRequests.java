package io.mandate.issuer.token;

import jakarta.servlet.http.HttpServletRequest;

/** Syntax checks shared by every token request (RFC 6749 §3.2, §5.2 {@code invalid_request}). */
final class TokenRequests {

    private TokenRequests() {
    }

    /** A parameter that must be present exactly once and not be empty. */
    static String singleParameter(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0 || values[0].isBlank()) {
            throw new OAuth2ErrorException(OAuth2Error.invalidRequest("Missing required parameter " + name));
        }
        if (values.length > 1) {
            // RFC 6749 §3.2: request parameters MUST NOT be included more than once.
            throw new OAuth2ErrorException(OAuth2Error.invalidRequest("Parameter " + name + " is repeated"));
        }
        return values[0];
    }
}
