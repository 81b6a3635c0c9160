package io.mandate.dashboard.security;

import io.mandate.dashboard.support.Browser;
import io.mandate.dashboard.support.FakeQueryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions end after the idle timeout and at the maximum age, on a clock the test moves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mandate.dashboard.session.idle-timeout=10m", "mandate.dashboard.session.max-age=1h"})
class SessionExpiryTest {

    private static final FakeQueryService queryService = new FakeQueryService();
    private static final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T09:00:00Z"));

    @LocalServerPort
    int port;

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        Clock testClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
        }
    }

    @DynamicPropertySource
    static void queryServiceAddress(DynamicPropertyRegistry registry) {
        registry.add("mandate.dashboard.query-service.url", queryService::url);
    }

    @AfterAll
    static void stopFake() {
        queryService.close();
    }

    @Test
    void pageWhenIdleLongerThanTheTimeoutThenBackToSignInSayingTheSessionExpired() {
        Browser browser = signedIn();
        advance(Duration.ofMinutes(9));
        assertThat(browser.page("/").statusCode()).as("still within the idle timeout").isEqualTo(200);

        advance(Duration.ofMinutes(11));
        HttpResponse<String> expired = browser.page("/");

        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(browser.page("/login?expired").body()).contains("id=\"login-expired\"", "Your session expired");
        assertThat(browser.page("/").statusCode()).as("the session is gone, not just refused once").isEqualTo(302);
    }

    @Test
    void pageWhenActiveButOlderThanTheMaximumAgeThenExpired() {
        Browser browser = signedIn();
        for (int i = 0; i < 6; i++) { // 54 minutes, never idle for 10
            advance(Duration.ofMinutes(9));
            assertThat(browser.page("/").statusCode()).isEqualTo(200);
        }

        advance(Duration.ofMinutes(9));

        assertThat(browser.page("/").headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
    }

    @Test
    void scriptRequestWhenSessionExpiredThenProblemNotRedirect() {
        Browser browser = signedIn();
        String csrf = Browser.csrfMetaOf(browser.page("/").body());
        advance(Duration.ofMinutes(30));

        HttpResponse<String> answer = browser.postJson("/revoke/agent/a", "{\"reason\":\"x\"}", csrf);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("Your session expired");
    }

    private Browser signedIn() {
        Browser browser = new Browser(port);
        assertThat(browser.signIn("responder", "mandate-responder").headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        return browser;
    }

    private static void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }
}
