package io.mandate.issuer.projection;

import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.messages.client.ClientCredentials;

import java.text.ParseException;

/**
 * A client's token-endpoint credentials as the issuer uses them: the event's credentials plus,
 * for {@code private_key_jwt}, its public JWK set parsed once (not per request). Kept apart from
 * {@link ClientView} so that no admin view can ever render a secret hash.
 *
 * @param publicKeys null unless the method is private_key_jwt and the set parsed; a set that
 *                   does not parse authenticates nobody
 */
public record ClientSecrets(ClientCredentials credentials, JWKSet publicKeys, long sequence) {

    static ClientSecrets of(ClientCredentials credentials, long sequence) {
        JWKSet keys = null;
        if (credentials.jwks() != null) {
            try {
                keys = JWKSet.parse(credentials.jwks());
                if (keys.getKeys().stream().anyMatch(key -> key.isPrivate())) {
                    keys = null;  // the command side refuses private keys; never trust one that slipped through
                }
            } catch (ParseException e) {
                keys = null;
            }
        }
        return new ClientSecrets(credentials, keys, sequence);
    }
}
