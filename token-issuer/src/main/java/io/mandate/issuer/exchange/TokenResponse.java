package io.mandate.issuer.exchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A successful token response (RFC 6749 §5.1; RFC 8693 §2.2.1 adds {@code issued_token_type}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("issued_token_type") String issuedTokenType,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") long expiresIn,
                            @JsonProperty("scope") String scope) {
}
