package io.mandate.issuer.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.testkit.TestStack;
import io.mandate.issuer.support.EventStoreSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Key rotation on the real event store: each key's creation and activation are recorded before it
 * signs, its retirement when the next one takes over, and the retired key stays in the JWKS (its
 * tokens may still be presented) while only public parameters ever reach the store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mandate.issuer.tokens.key-rotation=3s")
class KeyRotationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private SigningKeys keys;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        EventStoreSchema.ensureInTestStack();
    }

    @Test
    void rotationWhenPeriodElapsesThenLifecycleRecordedAndRetiredKeyStillPublished() throws Exception {
        String first = await().atMost(PATIENCE).until(() -> keys.active().map(SigningKey::keyId).orElse(null),
                kid -> kid != null);

        String second = await().atMost(PATIENCE).until(() -> keys.active().map(SigningKey::keyId).orElse(first),
                kid -> !kid.equals(first));

        List<String[]> rows = keyStream(first);
        assertThat(rows).extracting(row -> row[0]).containsExactly(
                "io.mandate.messages.key.SigningKeyCreated", "io.mandate.messages.key.SigningKeyActivated",
                "io.mandate.messages.key.SigningKeyRetired");
        assertThat(rows).extracting(row -> row[2]).containsOnly("SigningKey");
        assertThat(rows.get(0)[1]).contains("\"keyId\":\"" + first + "\"").contains("\\\"kty\\\":\\\"EC\\\"")
                .doesNotContain("\\\"d\\\"");
        assertThat(keyStream(second)).extracting(row -> row[0]).startsWith(
                "io.mandate.messages.key.SigningKeyCreated", "io.mandate.messages.key.SigningKeyActivated");
        List<String> published = new ArrayList<>();
        http.getForObject("/oauth2/jwks", JsonNode.class).get("keys").forEach(key -> published.add(key.get("kid").asText()));
        assertThat(published).contains(first, second);
    }

    /** payload_type, payload, type of the key's stream, in sequence order. */
    private static List<String[]> keyStream(String keyId) throws Exception {
        TestStack stack = TestStack.get();
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUsername(),
                stack.jdbcPassword());
             PreparedStatement query = connection.prepareStatement("SELECT payload_type, payload, type FROM "
                     + "domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            query.setString(1, "key:" + keyId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new String[]{result.getString(1), new String(result.getBytes(2), StandardCharsets.UTF_8),
                            result.getString(3)});
                }
            }
        }
        return rows;
    }
}
