package io.mandate.issuer.registration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeFetcherTest {

    private final DocumentServer server;
    private final SafeFetcher fetcher = new SafeFetcher(TestRegistration.loopbackDocuments(Duration.ofMillis(800), 5120),
            InetAddress::getAllByName, Clock.systemUTC());

    SafeFetcherTest() throws IOException {
        server = new DocumentServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertRefused(SafeFetcher on, String url, String because) {
        assertThatThrownBy(() -> on.get(URI.create(url))).isInstanceOf(SafeFetcher.FetchRefused.class)
                .hasMessageContaining(because);
    }

    @Test
    void getWhenAllowListedLoopbackDocumentThenBodyAndHeaders() throws Exception {
        server.json("/good", "{\"client_id\":\"x\"}", "Cache-Control", "max-age=60");

        SafeFetcher.Response response = fetcher.get(URI.create(server.url("/good")));

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"client_id\":\"x\"}");
        assertThat(response.headers()).containsEntry("cache-control", "max-age=60");
    }

    @Test
    void getWhenDeclaredLargerThanTheLimitThenRefusedBeforeReadingIt() {
        server.json("/huge", "x".repeat(6000));

        assertRefused(fetcher, server.url("/huge"), "larger than 5120 bytes");
    }

    @Test
    void getWhenStreamedLargerThanTheLimitThenRefused() {
        server.chunked("/stream", 1_000_000);

        assertRefused(fetcher, server.url("/stream"), "larger than 5120 bytes");
    }

    @Test
    void getWhenSlowerThanTheTotalTimeoutThenRefusedWithinIt() {
        server.on("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {  // one byte every 100 ms: each read is quick, the whole is not
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            }
        });
        long start = System.nanoTime();

        assertRefused(fetcher, server.url("/slow"), "took too long");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void getWhenRedirectedThenRefusedAndTheTargetNeverAsked() {
        server.on("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", server.url("/good"));
            exchange.sendResponseHeaders(302, -1);
        });
        server.json("/good", "{}");

        assertRefused(fetcher, server.url("/moved"), "redirects are not followed");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void getWhenNotFoundThenRefused() {
        assertRefused(fetcher, server.url("/missing"), "HTTP 404");
    }

    @Test
    void getWhenLoopbackNotAllowListedThenRefusedWithoutConnecting() {
        SafeFetcher strict = new SafeFetcher(new RegistrationProperties.MetadataDocuments(true, null, 5120, null,
                null, Set.of(), true, null, null, null), InetAddress::getAllByName, Clock.systemUTC());
        server.json("/good", "{}");

        assertRefused(strict, server.url("/good").replace("http:", "https:"), "private, loopback or link-local");
        assertThat(server.requests()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.8", "192.168.1.1", "172.16.4.4", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "127.0.0.1", "fd00::1", "fe80::1", "::1", "::ffff:10.0.0.1", "224.0.0.1"})
    void getWhenTheNameResolvesToANonPublicAddressThenRefused(String address) {
        // DNS rebinding: a public-looking name whose answer (or one of its answers) is internal.
        SafeFetcher rebinding = new SafeFetcher(TestRegistration.loopbackDocuments(Duration.ofSeconds(1), 5120),
                host -> new InetAddress[]{InetAddress.getByName("93.184.216.34"), InetAddress.getByName(address)},
                Clock.systemUTC());

        assertRefused(rebinding, "https://client.example/metadata.json", "private, loopback or link-local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://client.example/doc", "file:///etc/passwd", "https://user@client.example/doc",
            "https://client.example/doc#frag"})
    void getWhenNotAPlainHttpsUrlThenRefused(String url) {
        assertThatThrownBy(() -> fetcher.get(URI.create(url))).isInstanceOf(SafeFetcher.FetchRefused.class);
    }

    @Test
    void getWhenHttpOnAHostNotAllowListedThenRefused() {
        assertRefused(fetcher, "http://client.example/doc", "only https");
    }

    @Test
    void isPublicWhenPublicAddressThenTrue() throws Exception {
        assertThat(SafeFetcher.isPublic(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(SafeFetcher.isPublic(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"))).isTrue();
    }
}
