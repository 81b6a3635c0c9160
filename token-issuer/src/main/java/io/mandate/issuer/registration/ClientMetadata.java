package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7591 §2 client metadata as submitted, syntax checked (types and sizes), meaning not yet judged:
 * that is {@link RegistrationPolicy}'s. A field of the wrong type is an {@code invalid_client_metadata}
 * naming it. Fields Mandate does not know are ignored, as RFC 7591 §2 requires, and never stored.
 *
 * @param clientKind Mandate extension {@code client_kind}: AGENT, MCP_SERVER, ...
 * @param resources  Mandate extension {@code resource}: the RFC 8707 resource URIs an MCP server serves
 */
record ClientMetadata(String clientName,
                      List<String> redirectUris,
                      List<String> grantTypes,
                      List<String> responseTypes,
                      String tokenEndpointAuthMethod,
                      JsonNode jwks,
                      String jwksUri,
                      String scope,
                      String clientKind,
                      List<String> resources,
                      String softwareStatement,
                      String softwareId,
                      String softwareVersion,
                      String clientId) {

    private static final int MAX_STRING = 2048;
    private static final int MAX_ARRAY = 50;

    static ClientMetadata from(ObjectNode json) {
        return new ClientMetadata(
                string(json, "client_name"),
                strings(json, "redirect_uris"),
                strings(json, "grant_types"),
                strings(json, "response_types"),
                string(json, "token_endpoint_auth_method"),
                object(json, "jwks"),
                string(json, "jwks_uri"),
                string(json, "scope"),
                string(json, "client_kind"),
                stringOrStrings(json, "resource"),
                string(json, "software_statement"),
                string(json, "software_id"),
                string(json, "software_version"),
                string(json, "client_id"));
    }

    private static String string(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RegistrationError.invalidMetadata(field + " must be a string");
        }
        // A software statement is a JWS: larger than other strings, still bounded by the body limit.
        if (!"software_statement".equals(field) && value.textValue().length() > MAX_STRING) {
            throw RegistrationError.invalidMetadata(field + " is too long");
        }
        return value.textValue();
    }

    private static JsonNode object(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw RegistrationError.invalidMetadata(field + " must be a JSON object");
        }
        return value;
    }

    private static List<String> strings(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw RegistrationError.invalidMetadata(field + " must be an array of strings");
        }
        if (value.size() > MAX_ARRAY) {
            throw RegistrationError.invalidMetadata(field + " has too many entries");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isEmpty() || item.textValue().length() > MAX_STRING) {
                throw RegistrationError.invalidMetadata(field + " must be an array of non-empty strings");
            }
            if (result.contains(item.textValue())) {
                throw RegistrationError.invalidMetadata(field + " lists a value twice");
            }
            result.add(item.textValue());
        }
        return List.copyOf(result);
    }

    /** RFC 8707 allows one resource or several; as metadata, either a string or an array. */
    private static List<String> stringOrStrings(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value != null && value.isTextual()) {
            return List.of(string(json, field));
        }
        return strings(json, field);
    }
}
