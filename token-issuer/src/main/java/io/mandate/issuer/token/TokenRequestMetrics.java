package io.mandate.issuer.token;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timer of {@code POST /oauth2/token}: {@code mandate.token.requests}, tagged with the status
 * and its outcome, in place of Spring's {@code http.server.requests} observation for this one
 * route. That observation (a long-task timer of active requests, tag sorting, a timer looked up
 * per request) took 11 % of a token request's CPU in the benchmark's profile (docs/benchmarks.md);
 * a timer per status, resolved once, says what operations need: rate, latency, errors.
 */
final class TokenRequestMetrics {

    static final String METER = "mandate.token.requests";

    private final MeterRegistry registry;
    private final Map<Integer, Timer> byStatus = new ConcurrentHashMap<>();

    TokenRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Leaves POST /oauth2/token out of http.server.requests; every other route keeps it. */
    static ObservationPredicate tokenRequestsTimedApart() {
        return (name, context) -> !("http.server.requests".equals(name)
                && context instanceof ServerRequestObservationContext server
                && TokenRequestFilter.isTokenRequest(server.getCarrier()));
    }

    void record(int status, long nanos) {
        byStatus.computeIfAbsent(status, code -> Timer.builder(METER)
                .description("POST /oauth2/token requests (the lean path), by status")
                .tag("status", Integer.toString(code))
                .tag("outcome", code < 400 ? "SUCCESS" : code < 500 ? "CLIENT_ERROR" : "SERVER_ERROR")
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
