package io.mandate.issuer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IssuerPropertiesTest {

    @Test
    void endpointWhenIssuerHasNoTrailingSlashThenPathAppended() {
        assertThat(new IssuerProperties(URI.create("http://127.0.0.1:8082")).endpoint("/oauth2/token"))
                .isEqualTo("http://127.0.0.1:8082/oauth2/token");
    }

    @Test
    void endpointWhenIssuerHasPathAndTrailingSlashThenNoDoubleSlash() {
        assertThat(new IssuerProperties(URI.create("https://auth.example/mandate/")).endpoint("/oauth2/jwks"))
                .isEqualTo("https://auth.example/mandate/oauth2/jwks");
    }

    @Test
    void constructorWhenUrlMissingThenLocalDefault() {
        assertThat(new IssuerProperties(null).url()).isEqualTo(URI.create("http://127.0.0.1:8082"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative", "https://auth.example/?tenant=a", "https://auth.example/#frag", "ftp://auth.example"})
    void constructorWhenUrlIsNotAValidIssuerIdentifierThenRejected(String url) {
        // RFC 8414 §2: an absolute http(s) URL with no query or fragment.
        assertThatIllegalArgumentException().isThrownBy(() -> new IssuerProperties(URI.create(url)));
    }
}
