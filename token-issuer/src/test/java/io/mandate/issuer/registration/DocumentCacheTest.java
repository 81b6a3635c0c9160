package io.mandate.issuer.registration;

import io.mandate.issuer.exchange.MutableClock;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.Scopes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.mandate.issuer.registration.TestRegistration.headers;
import static org.assertj.core.api.Assertions.assertThat;

class DocumentCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final DocumentCache cache = new DocumentCache(2, Duration.ofMinutes(5), Duration.ofHours(1), clock);

    private static ResolvedClient client(String id) {
        return new ResolvedClient(id, null, id, List.of(), Scopes.of("a"), null, RegistrationPath.METADATA_DOCUMENT, true);
    }

    @Test
    void ttlWhenHeadersSayThenWithinTheCeiling() {
        assertThat(cache.ttl(headers("cache-control", "public, max-age=120"))).isEqualTo(Duration.ofSeconds(120));
        assertThat(cache.ttl(headers("cache-control", "max-age=999999999"))).isEqualTo(Duration.ofHours(1));
        assertThat(cache.ttl(headers("cache-control", "no-store"))).isZero();
        assertThat(cache.ttl(headers("cache-control", "max-age=60, no-cache"))).isZero();
        assertThat(cache.ttl(headers("expires", "Sat, 28 Nov 2026 10:10:00 GMT"))).isEqualTo(Duration.ofMinutes(10));
        assertThat(cache.ttl(headers("expires", "yesterday"))).isZero();
        assertThat(cache.ttl(Map.of())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void getWhenExpiredThenEmpty() {
        cache.put("a", client("a"), headers("cache-control", "max-age=30"));

        assertThat(cache.get("a")).isPresent();
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get("a")).isEmpty();
    }

    @Test
    void putWhenFullThenLeastRecentlyUsedGoes() {
        cache.put("a", client("a"), Map.of());
        cache.put("b", client("b"), Map.of());
        cache.get("a");
        cache.put("c", client("c"), Map.of());

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).isPresent();
    }
}
