package io.mandate.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.transport.ElasticsearchTransport;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.query.support.ApiClient;
import io.mandate.query.support.EventProducer;
import io.mandate.query.support.QueryServiceStack;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Elasticsearch failing in the middle of an export, on the real server: before anything was sent
 * the answer is still a 503 problem; once records were sent the connection is dropped, so the
 * client sees a failed transfer rather than a file that looks complete. The failure is injected
 * into the real client (a subclass) for point-in-time reads only; everything else is the real stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExportInterruptionIT {

    private static final Instant T = Instant.parse("2032-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextLong(0, 500_000), ChronoUnit.MINUTES);
    private static final int EVENTS = 150;

    /** Which export page read fails: 0 = none, 1 = the first, 2 = every later one. */
    private static volatile int failingPage;

    /**
     * The real client with one seam: point-in-time searches fail on demand. A subclass rather than a
     * Mockito spy, because stubbing a spy while the ingest threads use it is not thread-safe.
     */
    @TestConfiguration
    static class FailingElasticsearch {

        @Bean
        ElasticsearchClient elasticsearchClient(ElasticsearchTransport transport) {
            return new ElasticsearchClient(transport) {
                @Override
                public <T> SearchResponse<T> search(SearchRequest request, Class<T> type) throws IOException {
                    boolean later = request.searchAfter() != null && !request.searchAfter().isEmpty();
                    if (request.pit() != null && (failingPage == 1 && !later || failingPage == 2 && later)) {
                        throw new IOException("injected: Elasticsearch went away");
                    }
                    return super.search(request, type);
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) throws IOException {
        QueryServiceStack.registerProperties(registry);
        String keys = Files.createTempDirectory("export-keys").toString();
        registry.add("mandate.query.export.key-directory", () -> keys);
        // ~100 kB of records on the first page: more than every buffer, so the response is committed.
        registry.add("mandate.query.export.page-size", () -> "100");
    }

    @AfterEach
    void heal() {
        failingPage = 0;
    }

    @Test
    void elasticsearchWhenLostBeforeTheFirstPageThenA503Problem() throws Exception {
        failingPage = 1;

        HttpResponse<String> reply = HttpClient.newHttpClient().send(exportRequest(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(reply.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    void elasticsearchWhenLostAfterRecordsWereSentThenTheTransferFailsAndTheExportIsRecordedFailed() throws Exception {
        publishEvents();
        failingPage = 2;

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(exportRequest(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        String exportId = response.headers().firstValue("X-Mandate-Export-Id").orElseThrow();
        assertThatThrownBy(() -> {
            try (InputStream body = response.body()) {
                body.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
        ApiClient.Reply manifest = new ApiClient(port).asInvestigator("/api/exports/" + exportId + "/manifest");
        assertThat(manifest.status()).isEqualTo(404);
        assertThat(manifest.json().get("detail").asText()).isEqualTo("Export " + exportId + " has no manifest: it is FAILED");
    }

    private void publishEvents() {
        try (EventProducer producer = QueryServiceStack.newProducer()) {
            for (int i = 0; i < EVENTS; i++) {
                GrantCreated grant = TestGrants.aGrantCreated();
                producer.publish(TestGrants.envelopeOf(grant, 0, T.plusMillis(i)));
            }
        }
        ApiClient api = new ApiClient(port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ApiClient.Reply reply = api.asInvestigator(exportPath());
            return reply.status() == 200 && reply.body().lines().count() == EVENTS + 1;
        });
    }

    /** With a generous timeout: this shared machine can be slow, and a timeout here would prove nothing. */
    private HttpRequest exportRequest() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + exportPath()))
                .header("Authorization", investigator()).timeout(Duration.ofSeconds(60)).build();
    }

    private static String exportPath() {
        return "/api/exports/events?from=" + T + "&to=" + T.plus(Duration.ofMinutes(1));
    }

    private static String investigator() {
        return "Basic " + Base64.getEncoder().encodeToString("investigator:mandate-investigator"
                .getBytes(StandardCharsets.UTF_8));
    }
}
