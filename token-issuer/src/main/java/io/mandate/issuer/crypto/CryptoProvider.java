package io.mandate.issuer.crypto;

import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;

import java.security.Provider;
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
}
