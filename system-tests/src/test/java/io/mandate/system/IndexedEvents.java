package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.StackSettings;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Events as the query-service's timeline API shows them, once the pipeline has indexed them. */
final class IndexedEvents {

    private IndexedEvents() {
    }

    /** The event of {@code type} on {@code aggregateId}, polled as an investigator until it is indexed. */
    static JsonNode awaitIndexed(RunningMandate mandate, Http http, String aggregateId, String type, Duration timeout) {
        String url = mandate.url(StackSettings.QUERY_SERVICE) + "/api/events?aggregateId="
                + URLEncoder.encode(aggregateId, StandardCharsets.UTF_8);
        JsonNode[] found = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = http.get(url, "investigator", "mandate-investigator");
            if (response.statusCode() != 200) {
                return false;
            }
            for (JsonNode item : Http.json(response).path("items")) {
                if (type.equals(item.path("type").asText())) {
                    found[0] = item;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
