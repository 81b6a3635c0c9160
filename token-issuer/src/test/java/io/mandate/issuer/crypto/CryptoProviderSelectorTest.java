package io.mandate.issuer.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.junit.jupiter.api.Test;

import java.security.Provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class CryptoProviderSelectorTest {

    @Test
    void selectWhenAwsLcLoadsThenItIsChosen() {
        assumeThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError())
                .as("AWS-LC native library loads on this platform").isNull();

        CryptoProvider chosen = CryptoProviderSelector.select();

        assertThat(chosen.accelerated()).isTrue();
        assertThat(chosen.provider()).containsSame(AmazonCorrettoCryptoProvider.INSTANCE);
        assertThat(chosen.name()).startsWith("AmazonCorrettoCryptoProvider");
    }

    @Test
    void selectWhenNativeLibraryCannotLoadThenJdk() {
        CryptoProvider chosen = CryptoProviderSelector.select(() -> {
            throw new UnsatisfiedLinkError("no amazonCorrettoCryptoProvider in java.library.path");
        });

        assertThat(chosen).isEqualTo(CryptoProvider.jdk());
        assertThat(chosen.accelerated()).isFalse();
        assertThat(chosen.provider()).isEmpty();
    }

    @Test
    void selectWhenSelfTestFailsThenJdk() {
        CryptoProvider chosen = CryptoProviderSelector.select(() -> {
            throw new IllegalStateException("self-test failed");
        });

        assertThat(chosen.name()).isEqualTo("JDK");
    }

    @Test
    void selectWhenCandidateLoadsThenThatProviderIsUsed() {
        Provider candidate = java.security.Security.getProvider("SunEC");

        CryptoProvider chosen = CryptoProviderSelector.select(() -> candidate);

        assertThat(chosen.accelerated()).isTrue();
        assertThat(chosen.provider()).containsSame(candidate);
    }
}
