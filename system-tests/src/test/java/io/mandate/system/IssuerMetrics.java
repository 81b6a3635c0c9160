package io.mandate.system;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A few of the token-issuer's own meters (admin {@code /actuator/metrics}), read before and after
 * a load so a report can say where the time went: in the issuer's requests, in its ledger commits,
 * or outside it.
 */
record IssuerMetrics(Map<String, Double> values) {

    private static final Map<String, String> METERS = Map.of(
            // the token endpoint has its own timer (TokenRequestMetrics), not http.server.requests
            "token requests", "mandate.token.requests",
            "introspections", "http.server.requests?tag=uri:/oauth2/introspect",
            "ledger appends", "mandate.ledger.append",
            "ledger batches", "mandate.ledger.batch.size",
            "issuer cpu", "process.cpu.time");

    static IssuerMetrics read(RunningMandate mandate) {
        Http http = new Http();
        Map<String, Double> values = new LinkedHashMap<>();
        METERS.forEach((name, meter) -> {
            HttpResponse<String> response = http.get(mandate.issuerUrl() + "/actuator/metrics/" + meter, "admin",
                    "mandate-admin");
            if (response.statusCode() == 200) {
                Http.json(response).path("measurements").forEach(measurement -> values.put(
                        name + " " + measurement.path("statistic").asText(), measurement.path("value").asDouble()));
            }
        });
        return new IssuerMetrics(values);
    }

    /** Counts, mean times (ms) and mean batch size between {@code before} and now. */
    String since(IssuerMetrics before) {
        StringBuilder text = new StringBuilder("issuer meters during the race:");
        for (String name : new String[] {"token requests", "introspections", "ledger appends"}) {
            double count = delta(before, name + " COUNT");
            double seconds = delta(before, name + " TOTAL_TIME");
            text.append(String.format(Locale.ROOT, " %s %.0f (mean %.1f ms);", name, count,
                    count == 0 ? 0 : seconds * 1000 / count));
        }
        double batches = delta(before, "ledger batches COUNT");
        text.append(String.format(Locale.ROOT, " ledger batches %.0f (mean %.1f entries); issuer CPU %.0f s", batches,
                batches == 0 ? 0 : delta(before, "ledger batches TOTAL") / batches, delta(before, "issuer cpu COUNT") / 1e9));
        return text.toString();
    }

    private double delta(IssuerMetrics before, String key) {
        return values.getOrDefault(key, 0.0) - before.values.getOrDefault(key, 0.0);
    }
}
