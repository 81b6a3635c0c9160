package io.mandate.issuer.crypto;

import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;

/**
 * The JCA provider every signer, verifier and key generator of the issuer uses (RFC 7515 §5,
 * RFC 7518 §3.4 ES256). Either the AWS-LC based provider, or the JDK's default providers.
 *
 * <p>The provider is handed to each Nimbus component through its {@link JCAContext} rather than
 * installed JVM-wide, so TLS and every other library keep the JDK's providers untouched.
 *
 * @param name        what operators see in the logs, {@code /actuator/info} and metrics
 * @param jca         the provider, or {@code null} for the JDK's default provider lookup
 * @param accelerated whether this is the native (AWS-LC) provider
 */
public record CryptoProvider(String name, Provider jca, boolean accelerated) {

    static final String JDK_NAME = "JDK";

    /** The native provider, ready for use. */
    static CryptoProvider accelerated(Provider provider) {
        return new CryptoProvider(provider.getName() + " " + provider.getVersionStr(), provider, true);
    }

    /** The JDK's own providers (SunEC for ES256), found by the usual JCA lookup. */
    public static CryptoProvider jdk() {
        return new CryptoProvider(JDK_NAME, null, false);
    }

    public Optional<Provider> provider() {
        return Optional.ofNullable(jca);
    }

    /** Points a Nimbus signer, verifier or encrypter at this provider; returns it for chaining. */
    public <T extends JCAAware<? extends JCAContext>> T configure(T component) {
        component.getJCAContext().setProvider(jca);
        return component;
    }

    /**
     * The key as this provider's own key object. A provider handed a foreign key (Nimbus builds
     * keys with the JDK's {@code KeyFactory}) converts it on every {@code initSign}/{@code initVerify};
     * AWS-LC does that through a synchronized {@code getEncoded()}, which profiled as costly as the
     * signature itself and serialised the request threads. Converting once, when the key is loaded,
     * removes both. The JDK provider gets the key unchanged.
     */
    public ECPrivateKey nativeKey(ECPrivateKey key) {
        return (ECPrivateKey) translate(key);
    }

    /** @see #nativeKey(ECPrivateKey) */
    public ECPublicKey nativeKey(ECPublicKey key) {
        return (ECPublicKey) translate(key);
    }

    private Key translate(Key key) {
        if (jca == null) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", jca).translateKey(key);
        } catch (GeneralSecurityException e) {
            // A key the provider cannot hold natively still works through the per-call conversion.
            return key;
        }
    }
}
