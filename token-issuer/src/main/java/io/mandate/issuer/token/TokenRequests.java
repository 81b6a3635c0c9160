package io.mandate.issuer.token;

import io.mandate.messages.grant.Scopes;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.net.URI;
import java.util.Optional;

/** Syntax checks shared by every OAuth request (RFC 6749 §3.2, §5.2 {@code invalid_request}). */
public final class TokenRequests {

    private TokenRequests() {
    }

    /**
     * RFC 6749 §3.2 / RFC 7662 §2.1 / RFC 7009 §2.1: a POST with a form body. Parameters in the query
     * string are refused (they would put tokens and credentials into URLs and logs).
     */
    public static void requireFormPost(HttpServletRequest request) {
        if (request.getQueryString() != null) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidRequest(
                    "Parameters must be sent in the request body, not the URL"), "query_parameters");
        }
        if (!isForm(request.getContentType())) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidRequest(
                    "The body must be application/x-www-form-urlencoded"), "content_type");
        }
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            String charset = type.getParameter("charset");
            return type.isConcrete() && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)
                    && (charset == null || java.nio.charset.Charset.isSupported(charset.replace("\"", "")));
        } catch (IllegalArgumentException e) {
            // InvalidMediaTypeException, IllegalCharsetNameException: the client's error, never a 500.
            return false;
        }
    }

    /** A parameter that must be present exactly once and not be empty. */
    public static String singleParameter(HttpServletRequest request, String name) {
        return optionalParameter(request, name).orElseThrow(() -> OAuth2ErrorException.refused(
                OAuth2Error.invalidRequest("Missing required parameter " + name), "missing_parameter"));
    }

    /** A parameter that may be absent, but not repeated nor empty. */
    public static Optional<String> optionalParameter(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            // RFC 6749 §3.2: request parameters MUST NOT be included more than once.
            throw OAuth2ErrorException.refused(OAuth2Error.invalidRequest("Parameter " + name + " is repeated"),
                    "repeated_parameter");
        }
        if (values[0].isBlank()) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidRequest("Parameter " + name + " is empty"),
                    "empty_parameter");
        }
        return Optional.of(values[0]);
    }

    /**
     * RFC 6749 §3.3: {@code scope-token *( SP scope-token )}, case-sensitive, printable ASCII without
     * {@code "} and {@code \}. Anything else (tabs, commas as separators are just characters, double
     * or edge spaces) is {@code invalid_scope}: a scope string is never "repaired".
     */
    public static Optional<Scopes> scope(HttpServletRequest request) {
        Optional<String> raw = optionalParameter(request, "scope");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String value = raw.get();
        if (value.startsWith(" ") || value.endsWith(" ") || value.contains("  ")) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidScope("scope must be single-space delimited"),
                    "malformed_scope");
        }
        try {
            return Optional.of(Scopes.of(java.util.Arrays.asList(value.split(" "))));
        } catch (IllegalArgumentException e) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidScope("scope holds a character RFC 6749 forbids"),
                    "malformed_scope");
        }
    }

    /**
     * The one target of the request: RFC 8693 {@code audience} or RFC 8707 {@code resource} (an
     * absolute URI without fragment). Several targets, or both parameters, are {@code invalid_target}:
     * a Mandate token has exactly one audience.
     */
    public static Optional<String> target(HttpServletRequest request) {
        String[] audiences = request.getParameterValues("audience");
        String[] resources = request.getParameterValues("resource");
        int count = (audiences == null ? 0 : audiences.length) + (resources == null ? 0 : resources.length);
        if (count == 0) {
            return Optional.empty();
        }
        if (count > 1) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidTarget("Exactly one audience or resource is supported"),
                    "multiple_targets");
        }
        if (resources != null) {
            String resource = resources[0];
            URI uri;
            try {
                uri = URI.create(resource);
            } catch (IllegalArgumentException e) {
                throw OAuth2ErrorException.refused(OAuth2Error.invalidTarget("resource must be an absolute URI"),
                        "malformed_resource");
            }
            if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                throw OAuth2ErrorException.refused(OAuth2Error.invalidTarget(
                        "resource must be an absolute URI without fragment"), "malformed_resource");
            }
            return Optional.of(resource);
        }
        if (audiences[0].isBlank()) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidTarget("audience is empty"), "malformed_audience");
        }
        return Optional.of(audiences[0]);
    }

    static OAuth2ErrorException status(OAuth2Error error, HttpStatus status, String reason) {
        return new OAuth2ErrorException(error, status, reason);
    }
}
