package io.mandate.issuer.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.mandate.issuer.crypto.CryptoProvider;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifiers for client public keys, built once per key and algorithm (a JWK's JSON identifies
 * it: a rotated key set yields new entries; the map is bounded by the registered keys). Only
 * the key type that matches the algorithm family is ever used: no algorithm confusion.
 */
public class AssertionVerifiers {

    private static final int MAX_CACHED = 10_000;

    private final CryptoProvider provider;
    private final ConcurrentHashMap<String, JWSVerifier> cache = new ConcurrentHashMap<>();

    public AssertionVerifiers(CryptoProvider provider) {
        this.provider = provider;
    }

    public Optional<JWSVerifier> verifierFor(JWK key, JWSAlgorithm algorithm) {
        String cacheKey = algorithm.getName() + ' ' + key.toJSONString();
        JWSVerifier cached = cache.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        JWSVerifier built = build(key, algorithm);
        if (built != null && cache.size() < MAX_CACHED) {
            cache.put(cacheKey, built);
        }
        return Optional.ofNullable(built);
    }

    private JWSVerifier build(JWK key, JWSAlgorithm algorithm) {
        try {
            if (JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECKey ec) {
                return provider.configure(new ECDSAVerifier(provider.nativeKey(ec.toECPublicKey())));
            }
            if (JWSAlgorithm.Family.RSA.contains(algorithm) && key instanceof RSAKey rsa) {
                return provider.configure(new RSASSAVerifier(rsa));
            }
            if ((JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm))
                    && key instanceof OctetKeyPair okp) {
                return new Ed25519Verifier(okp);
            }
        } catch (JOSEException e) {
            return null;
        }
        return null;
    }
}
