package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.command.web.InvalidFieldException;

import java.util.Iterator;
import java.util.Set;

/**
 * A client's JWK set for {@code private_key_jwt} (RFC 7523 §2.2, RFC 7591 §2 {@code jwks}): only public
 * keys may be registered. Mandate never holds a key a client could be impersonated with, so a set that
 * carries any private or symmetric member is refused, naming the member, rather than stripped.
 */
final class PublicJwks {

    static final int MAX_KEYS = 20;
    static final int MAX_LENGTH = 65_536;

    /**
     * Members that hold private or secret key material: EC/OKP/RSA private parts and RSA CRT values
     * (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2) and the symmetric key value of {@code oct} keys (RFC 7518 §6.4.1).
     */
    static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private PublicJwks() {
    }

    /**
     * @param jwks the request's {@code jwks} member, an object {@code {"keys": [...]}} (RFC 7517 §5)
     * @return the set as compact JSON, the form recorded in {@code ClientCredentialsSet}
     * @throws InvalidFieldException naming {@code jwks} or the offending member, e.g. {@code jwks.keys[0].d}
     */
    static String require(JsonNode jwks) {
        if (jwks == null || !jwks.isObject()) {
            throw new InvalidFieldException("jwks", "must be a JWK set: a JSON object {\"keys\": [...]} (RFC 7517 §5)");
        }
        JsonNode keys = jwks.get("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            throw new InvalidFieldException("jwks.keys", "must be a non-empty array of JWKs (RFC 7517 §5.1)");
        }
        if (keys.size() > MAX_KEYS) {
            throw new InvalidFieldException("jwks.keys", "must hold at most " + MAX_KEYS + " keys");
        }
        for (int i = 0; i < keys.size(); i++) {
            requirePublicKey(keys.get(i), "jwks.keys[" + i + "]");
        }
        String compact = jwks.toString();
        if (compact.length() > MAX_LENGTH) {
            throw new InvalidFieldException("jwks", "must be at most " + MAX_LENGTH + " characters");
        }
        return compact;
    }

    private static void requirePublicKey(JsonNode key, String path) {
        if (!key.isObject()) {
            throw new InvalidFieldException(path, "must be a JWK: a JSON object (RFC 7517 §4)");
        }
        JsonNode kty = key.get("kty");
        if (kty == null || !kty.isTextual() || kty.asText().isBlank()) {
            throw new InvalidFieldException(path + ".kty", "is required (RFC 7517 §4.1)");
        }
        for (Iterator<String> members = key.fieldNames(); members.hasNext(); ) {
            String member = members.next();
            if (PRIVATE_MEMBERS.contains(member)) {
                throw new InvalidFieldException(path + "." + member,
                        "is private key material: register public keys only");
            }
        }
    }
}
