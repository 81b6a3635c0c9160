package io.mandate.issuer.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.util.concurrent.Callable;

/**
 * Chooses the issuer's JCA provider once at start-up: the AWS-LC provider (~18x faster ES256
 * signing on this hardware) when its native library loads and passes its self-tests, else
 * the JDK's providers. The fallback keeps the issuer running on platforms the native library
 * does not support, at a lower signing rate.
 */
public final class CryptoProviderSelector {

    private static final Logger log = LoggerFactory.getLogger(CryptoProviderSelector.class);

    private CryptoProviderSelector() {
    }

    /** Tries AWS-LC (Amazon Corretto Crypto Provider), falling back to the JDK. */
    public static CryptoProvider select() {
        return select(CryptoProviderSelector::loadAwsLc);
    }

    /**
     * Tries {@code candidate}; any failure to load it (a missing class, a native library that
     * does not load, a failed self-test) selects the JDK instead. Injectable so the fallback is
     * tested without tampering with the JVM.
     */
    public static CryptoProvider select(Callable<Provider> candidate) {
        try {
            CryptoProvider chosen = CryptoProvider.accelerated(candidate.call());
            log.info("Crypto provider: {} (fast native provider)", chosen.name());
            return chosen;
        } catch (Exception | LinkageError e) {
            // LinkageError: NoClassDefFoundError without the jar, UnsatisfiedLinkError on another platform.
            log.warn("Crypto provider: {} (fast provider unavailable: {})", CryptoProvider.JDK_NAME, e.toString());
            return CryptoProvider.jdk();
        }
    }

    private static Provider loadAwsLc() {
        AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loadingError = provider.getLoadingError();
        if (loadingError != null) {
            throw new IllegalStateException("native library did not load", loadingError);
        }
        provider.assertHealthy();
        return provider;
    }
}
