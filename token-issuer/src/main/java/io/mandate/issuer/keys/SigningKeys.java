package io.mandate.issuer.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.issuer.crypto.CryptoProvider;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.projection.PublishedKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys this issuer signs with and verifies against. Each instance generates its own keys
 * (private halves stay in memory) and announces them as events ({@link KeyRotation}); every
 * instance learns the others' public keys from its projection. So the JWKS of any instance
 * lists every key whose tokens may still be presented, and a Mandate token verifies wherever
 * it is presented.
 *
 * <p>A key signs only once it is {@linkplain #activate active}, which {@link KeyRotation} does
 * after its creation event is durable: no token can carry a kid the ledger has never seen.
 */
public class SigningKeys {

    /** A key of this instance and, once retired, how long it stays published. */
    private record OwnKey(SigningKey key, Instant publishUntil) {
    }

    private final CryptoProvider provider;
    private final IssuerProjection projection;
    private final Map<String, OwnKey> own = new ConcurrentHashMap<>();
    private final Map<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    private volatile SigningKey active;

    public SigningKeys(CryptoProvider provider, IssuerProjection projection) {
        this.provider = provider;
        this.projection = projection;
    }

    /** A new key of this instance: published from now on, signing nothing until activated. */
    public SigningKey generate() {
        SigningKey key = SigningKey.generate(provider);
        own.put(key.keyId(), new OwnKey(key, null));
        return key;
    }

    public void activate(SigningKey key) {
        own.putIfAbsent(key.keyId(), new OwnKey(key, null));
        active = key;
    }

    /** Stops signing with the key; it stays published until {@code publishUntil}. */
    public void retire(String keyId, Instant publishUntil) {
        own.computeIfPresent(keyId, (id, key) -> new OwnKey(key.key(), publishUntil));
        SigningKey current = active;
        if (current != null && current.keyId().equals(keyId)) {
            active = null;
        }
    }

    /** The key new tokens are signed with; empty until the first key is recorded. */
    public Optional<SigningKey> active() {
        return Optional.ofNullable(active);
    }

    /** The JWK Set to publish (RFC 7517 §5): public parameters only, this instance's and every announced key. */
    public JWKSet publicJwkSet(Instant now) {
        Map<String, JWK> keys = new LinkedHashMap<>();
        for (OwnKey key : own.values()) {
            if (key.publishUntil() == null || now.isBefore(key.publishUntil())) {
                keys.put(key.key().keyId(), key.key().publicJwk());
            }
        }
        for (PublishedKey key : projection.publishedKeys(now)) {
            keys.putIfAbsent(key.keyId(), key.publicJwk().toPublicJWK());
        }
        return new JWKSet(new ArrayList<>(keys.values()));
    }

    /**
     * A verifier for a token signed with {@code keyId}, if that key is still published: one of
     * this instance's, or one another instance announced. Empty for any other kid.
     */
    public Optional<JWSVerifier> verifier(String keyId, Instant now) {
        if (keyId == null) {
            return Optional.empty();
        }
        OwnKey mine = own.get(keyId);
        if (mine != null) {
            boolean published = mine.publishUntil() == null || now.isBefore(mine.publishUntil());
            return published ? Optional.of(mine.key().verifier()) : Optional.empty();
        }
        Optional<PublishedKey> announced = projection.findKey(keyId).filter(key -> key.isPublishedAt(now));
        if (announced.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(verifiers.computeIfAbsent(keyId, id -> verifierFor(announced.get().publicJwk())));
    }

    public List<String> ownKeyIds() {
        return List.copyOf(own.keySet());
    }

    private JWSVerifier verifierFor(JWK jwk) {
        try {
            if (jwk instanceof ECKey ec) {
                return provider.configure(new ECDSAVerifier(provider.nativeKey(ec.toECPublicKey())));
            }
            if (jwk instanceof com.nimbusds.jose.jwk.OctetKeyPair okp) {
                return new Ed25519Verifier(okp);
            }
        } catch (JOSEException e) {
            return null;
        }
        return null;
    }
}
