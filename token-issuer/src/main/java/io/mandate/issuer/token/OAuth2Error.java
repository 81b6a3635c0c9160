package io.mandate.issuer.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An OAuth 2.0 error response body (RFC 6749 §5.2). Descriptions are fixed texts: echoing
 * request input could leak it into logs and may break the §5.2 character set rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuth2Error(@JsonProperty("error") String code,
                          @JsonProperty("error_description") String description,
                          @JsonProperty("error_uri") String uri) {

    static final String RFC6749_5_2 = "https://www.rfc-editor.org/rfc/rfc6749#section-5.2";

    public static OAuth2Error invalidRequest(String description) {
        return new OAuth2Error("invalid_request", description, RFC6749_5_2);
    }

    public static OAuth2Error unsupportedGrantType(String description) {
        return new OAuth2Error("unsupported_grant_type", description, RFC6749_5_2);
    }

    public static OAuth2Error invalidClient(String description) {
        return new OAuth2Error("invalid_client", description, RFC6749_5_2);
    }

    public static OAuth2Error invalidGrant(String description) {
        return new OAuth2Error("invalid_grant", description, RFC6749_5_2);
    }

    public static OAuth2Error invalidScope(String description) {
        return new OAuth2Error("invalid_scope", description, RFC6749_5_2);
    }

    /** RFC 8707 §2 / RFC 8693 §2.2.2: the requested audience or resource is not acceptable. */
    public static OAuth2Error invalidTarget(String description) {
        return new OAuth2Error("invalid_target", description, "https://www.rfc-editor.org/rfc/rfc8707#section-2");
    }

    public static OAuth2Error unauthorizedClient(String description) {
        return new OAuth2Error("unauthorized_client", description, RFC6749_5_2);
    }

    public static OAuth2Error temporarilyUnavailable(String description) {
        return new OAuth2Error("temporarily_unavailable", description, null);
    }

    public static OAuth2Error serverError() {
        return new OAuth2Error("server_error", "The authorization server could not handle the request", null);
    }
}
