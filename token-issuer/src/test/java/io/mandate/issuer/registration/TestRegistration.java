package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test data: properties with the defaults, a metadata document server's settings, JSON bodies. */
final class TestRegistration {

    private TestRegistration() {
    }

    static RegistrationProperties defaults() {
        return new RegistrationProperties(null, null, null, null, null, null, null, null, null, null, null);
    }

    static RegistrationProperties.MetadataDocuments loopbackDocuments(Duration totalTimeout, int maxBytes) {
        return new RegistrationProperties.MetadataDocuments(true, null, maxBytes, Duration.ofSeconds(1), totalTimeout,
                Set.of("127.0.0.1"), true, 10, Duration.ofHours(1), Duration.ofMinutes(5));
    }

    static RegistrationProperties withDocuments(RegistrationProperties.MetadataDocuments documents) {
        return new RegistrationProperties(null, null, null, null, null, null, null, null, null, null, documents);
    }

    static ObjectNode json(String text) {
        return RegistrationJson.parseObject("application/json", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ClientMetadata metadata(String text) {
        return ClientMetadata.from(json(text));
    }

    static Map<String, String> headers(String... pairs) {
        java.util.HashMap<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static final List<String> DEMO_SCOPES = List.of("calendar.read", "calendar.write", "docs.read", "mail.read",
            "mail.send");
}
