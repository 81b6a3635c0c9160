package io.mandate.command.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.TokenEndpointAuthMethod;

/**
 * How the Client aggregate tells a retried credentials request from a different one. The
 * Idempotency-Key travels as Axon metadata {@value #METADATA_KEY} (never in the event), scoped per
 * principal; two requests ask for the same credentials when method and public keys match. A secret's
 * hash never counts: each request generates a new secret.
 */
final class ClientRequestKeys {

    static final String METADATA_KEY = "idempotencyKey";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientRequestKeys() {
    }

    static String scoped(String principal, String idempotencyKey) {
        return principal + '\u0000' + idempotencyKey;
    }

    static boolean sameMethodAndKeys(ClientCredentials a, ClientCredentials b) {
        if (a.method() != b.method()) {
            return false;
        }
        return a.method() != TokenEndpointAuthMethod.PRIVATE_KEY_JWT || sameJson(a.jwks(), b.jwks());
    }

    /** The same JWK set whatever the member order or spacing. */
    private static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
