package io.mandate.issuer.authorize;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The redirects back to the client (RFC 6749 §4.1.2 and §4.1.2.1): parameters added to the
 * registered redirect URI's query, {@code state} echoed exactly, and {@code iss} (RFC 9207) so the
 * client can tell which authorization server answered (mix-up attacks).
 */
final class AuthorizationResponses {

    private AuthorizationResponses() {
    }

    static String success(String redirectUri, String code, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        return build(redirectUri, parameters, state, issuer);
    }

    static String error(String redirectUri, String error, String description, String state, String issuer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        if (description != null) {
            parameters.put("error_description", description);
        }
        return build(redirectUri, parameters, state, issuer);
    }

    private static String build(String redirectUri, Map<String, String> parameters, String state, String issuer) {
        if (state != null) {
            parameters.put("state", state);
        }
        parameters.put("iss", issuer);
        StringBuilder uri = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return uri.toString();
    }
}
