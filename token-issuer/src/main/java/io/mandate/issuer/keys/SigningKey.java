package io.mandate.issuer.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.mandate.issuer.crypto.CryptoProvider;

/**
 * One ES256 signing key of this issuer instance (RFC 7518 §3.4, P-256), its {@code kid} the
 * RFC 7638 thumbprint. The private half never leaves this object: events and the JWKS get
 * {@link #publicJwk()} only. Signer and verifier are built once (Nimbus's ECDSA signer and
 * verifier take a fresh JCA {@code Signature} per call, so one instance serves every thread).
 */
public final class SigningKey {

    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private final ECKey key;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    private SigningKey(ECKey key, CryptoProvider provider) throws JOSEException {
        this.key = key;
        this.signer = provider.configure(new ECDSASigner(provider.nativeKey(key.toECPrivateKey()), Curve.P_256));
        this.verifier = provider.configure(new ECDSAVerifier(provider.nativeKey(key.toECPublicKey())));
    }

    public static SigningKey generate(CryptoProvider provider) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .keyIDFromThumbprint(true)
                    .provider(provider.jca())
                    .generate();
            return new SigningKey(key, provider);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    public String keyId() {
        return key.getKeyID();
    }

    public ECKey publicJwk() {
        return key.toPublicJWK();
    }

    public JWSSigner signer() {
        return signer;
    }

    public JWSVerifier verifier() {
        return verifier;
    }
}
