package io.mandate.issuer.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.mandate.issuer.crypto.CryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The issuer's token signing key: ES256 on P-256 (RFC 7518 §3.4), its {@code kid} the RFC 7638
 * JWK thumbprint. Generated at start-up and held in memory only; key creation and rotation as
 * events come with a later issue, until then a restart changes the key.
 */
@Component
public class SigningKeys {

    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final CryptoProvider provider;
    private final ECKey current;
    private final JWKSet publicSet;

    public SigningKeys(CryptoProvider provider) {
        this.provider = provider;
        this.current = generate(provider);
        // Computed once: the public set cannot change until rotation exists, and building it
        // from the public half alone means the private part can never reach the JWKS response.
        this.publicSet = new JWKSet(current.toPublicJWK());
        log.info("Signing key {} ({} / {}) generated", current.getKeyID(), ALGORITHM, current.getCurve());
    }

    /** The JWK Set to publish (RFC 7517 §5): public parameters only. */
    public JWKSet publicJwkSet() {
        return publicSet;
    }

    public String currentKeyId() {
        return current.getKeyID();
    }

    /** A signer for the current key on the selected provider; cheap, create one per use or cache it. */
    public JWSSigner signer() {
        try {
            return provider.configure(new ECDSASigner(current));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot build a signer for key " + current.getKeyID(), e);
        }
    }

    /** A verifier for the current key on the selected provider. */
    public JWSVerifier verifier() {
        try {
            return provider.configure(new ECDSAVerifier(current.toPublicJWK()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot build a verifier for key " + current.getKeyID(), e);
        }
    }

    private static ECKey generate(CryptoProvider provider) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .keyIDFromThumbprint(true)
                    .provider(provider.jca())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the signing key", e);
        }
    }
}
