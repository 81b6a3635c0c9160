package io.mandate.issuer.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The authorization server metadata document (RFC 8414 §2). Lists only endpoints and features
 * that exist: a field is added here in the same change that implements what it advertises.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuthorizationServerMetadata(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("token_endpoint_auth_signing_alg_values_supported") List<String> tokenEndpointAuthSigningAlgValuesSupported,
        @JsonProperty("introspection_endpoint") String introspectionEndpoint,
        @JsonProperty("introspection_endpoint_auth_methods_supported") List<String> introspectionEndpointAuthMethodsSupported,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("revocation_endpoint_auth_methods_supported") List<String> revocationEndpointAuthMethodsSupported,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported,
        @JsonProperty("authorization_response_iss_parameter_supported") Boolean authorizationResponseIssParameterSupported,
        // RFC 7591 §3 / draft-parecki-oauth-client-id-metadata-document: how clients join (docs/registration.md).
        @JsonProperty("registration_endpoint") String registrationEndpoint,
        @JsonProperty("client_id_metadata_document_supported") Boolean clientIdMetadataDocumentSupported) {
}
