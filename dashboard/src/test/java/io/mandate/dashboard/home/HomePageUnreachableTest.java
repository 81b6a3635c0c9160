package io.mandate.dashboard.home;

import io.mandate.dashboard.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The page when nothing listens where the query-service should be. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HomePageUnreachableTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void nothingListening(DynamicPropertyRegistry registry) {
        registry.add("mandate.dashboard.query-service.url", () -> "http://127.0.0.1:" + closedPort());
    }

    @Test
    void pageWhenQueryServiceUnreachableThenPlainErrorSentence() {
        Browser browser = new Browser(port);
        assertThat(browser.signIn("investigator", "mandate-investigator").statusCode()).isEqualTo(302);

        HttpResponse<String> page = browser.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-state=\"error\"", "id=\"grants-error\"",
                "The query service is not answering");
        assertThat(page.body()).doesNotContain("Exception", "Connection refused", "grants-empty");
    }

    /** A port that was free a moment ago and that nothing listens on now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
