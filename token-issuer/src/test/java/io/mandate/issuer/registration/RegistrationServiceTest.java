package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.client.RegistrationPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order of writes and the compensation: no client stays half-registered. */
class RegistrationServiceTest {

    private static final byte[] BODY = "{\"grant_types\":[\"client_credentials\"],\"scope\":\"docs.read\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** The command side: records calls; may be told to time out on registration. */
    static final class FakeCommandService extends CommandServiceClient {
        final List<String> calls = new ArrayList<>();
        boolean unavailable;

        FakeCommandService() {
            super(TestRegistration.defaults(), new com.fasterxml.jackson.databind.ObjectMapper());
        }

        @Override
        Registered register(String clientId, ClientRegistrationRequest request, RegistrationPath path) {
            calls.add("register " + path);
            if (unavailable) {
                throw RegistrationError.unavailable();
            }
            return new Registered(Outcome.CREATED, "generated-secret");
        }

        @Override
        String update(String clientId, String name, ClientRegistrationRequest request, boolean setCredentials) {
            calls.add("update " + name);
            return null;
        }

        @Override
        void delete(String clientId, String reason) {
            calls.add("delete");
        }
    }

    /** The issuer's table, in memory; may be told to fail. */
    static final class MemoryStore extends RegistrationStore {
        final Map<String, Row> rows = new HashMap<>();
        boolean failing;

        MemoryStore() {
            super(null);
        }

        @Override
        void insert(Row row) {
            if (failing) {
                throw RegistrationError.unavailable();
            }
            rows.put(row.clientId(), row);
        }

        @Override
        boolean update(String clientId, String expected, String newHash, String metadata, String statement, Instant at) {
            Row row = rows.get(clientId);
            if (row == null || !row.tokenHash().equals(expected)) {
                return false;
            }
            rows.put(clientId, new Row(clientId, newHash, metadata, statement, row.issuedAt()));
            return true;
        }

        @Override
        Optional<Row> find(String clientId) {
            return Optional.ofNullable(rows.get(clientId));
        }

        @Override
        void delete(String clientId) {
            rows.remove(clientId);
        }
    }

    private final FakeCommandService commandService = new FakeCommandService();
    private final MemoryStore store = new MemoryStore();
    private final RegistrationService service = service(TestRegistration.defaults());

    private RegistrationService service(RegistrationProperties properties) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
        return new RegistrationService(properties, new RegistrationPolicy(properties),
                new SoftwareStatements(List.of(), clock), commandService, store, new IssuerProjection(),
                new IssuerProperties(URI.create("https://issuer.example")), clock);
    }

    @Test
    void registerWhenAcceptedThenCommandSideFirstThenTheRowWithTheTokensHashOnly() {
        ObjectNode response = service.register("application/json", BODY, null);

        String clientId = response.path("client_id").asText();
        String token = response.path("registration_access_token").asText();
        assertThat(commandService.calls).containsExactly("register DYNAMIC_REGISTRATION");
        assertThat(response.path("client_secret").asText()).isEqualTo("generated-secret");
        assertThat(response.path("registration_client_uri").asText())
                .isEqualTo("https://issuer.example/oauth2/register/" + clientId);
        RegistrationStore.Row row = store.rows.get(clientId);
        assertThat(row.tokenHash()).isEqualTo(BearerTokens.hash(token));
        assertThat(row.metadata()).doesNotContain(token).doesNotContain("generated-secret");
    }

    @Test
    void registerWhenTheTableWriteFailsThenTheFreshClientIsDeletedAgainAndUnavailable() {
        store.failing = true;

        assertThatThrownBy(() -> service.register("application/json", BODY, null))
                .isInstanceOfSatisfying(RegistrationError.class,
                        e -> assertThat(e.body().error()).isEqualTo("temporarily_unavailable"));
        assertThat(commandService.calls).containsExactly("register DYNAMIC_REGISTRATION", "delete");
    }

    @Test
    void registerWhenTheCommandSideTimesOutThenWhateverItDidIsUndoneAndNothingStored() {
        commandService.unavailable = true;

        assertThatThrownBy(() -> service.register("application/json", BODY, null)).isInstanceOf(RegistrationError.class);
        assertThat(commandService.calls).containsExactly("register DYNAMIC_REGISTRATION", "delete");
        assertThat(store.rows).isEmpty();
    }

    @Test
    void registerWhenPolicyRefusesThenTheCommandSideIsNeverAsked() {
        assertThatThrownBy(() -> service.register("application/json",
                "{\"redirect_uris\":[\"http://evil.example/cb\"]}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(RegistrationError.class);
        assertThat(commandService.calls).isEmpty();
    }

    @Test
    void registerWhenInitialAccessTokenRequiredAndMissingOrWrongThenInvalidTokenAndNothingAsked() {
        String accepted = BearerTokens.generate();
        RegistrationService closed = service(new RegistrationProperties(null, null, null, null,
                List.of(BearerTokens.hash(accepted)), null, null, null, null, null, null));

        for (String authorization : new String[]{null, "Bearer wrong", "Basic " + accepted}) {
            assertThatThrownBy(() -> closed.register("application/json", BODY, authorization))
                    .isInstanceOfSatisfying(RegistrationError.class,
                            e -> assertThat(e.body().error()).isEqualTo("invalid_token"));
        }
        assertThat(commandService.calls).isEmpty();
        assertThat(closed.register("application/json", BODY, "Bearer " + accepted).has("client_id")).isTrue();
    }

    @Test
    void updateWhenTokenValidThenRotatedAndTheOldOneRefused() {
        ObjectNode registered = service.register("application/json", BODY, null);
        String clientId = registered.path("client_id").asText();
        String token = registered.path("registration_access_token").asText();
        byte[] update = ("{\"client_id\":\"" + clientId + "\",\"client_name\":\"Renamed\",\"grant_types\":"
                + "[\"client_credentials\"],\"scope\":\"docs.read\"}").getBytes(StandardCharsets.UTF_8);

        ObjectNode updated = service.update(clientId, "application/json", update, "Bearer " + token);

        assertThat(updated.path("client_name").asText()).isEqualTo("Renamed");
        assertThat(commandService.calls).contains("update Renamed");
        assertThatThrownBy(() -> service.read(clientId, "Bearer " + token)).isInstanceOf(RegistrationError.class);
        assertThat(service.read(clientId, "Bearer " + updated.path("registration_access_token").asText())
                .path("client_name").asText()).isEqualTo("Renamed");
    }

    @Test
    void updateWhenServerFieldsOrAnotherClientIdSentThenInvalidClientMetadata() {
        ObjectNode registered = service.register("application/json", BODY, null);
        String clientId = registered.path("client_id").asText();
        String bearer = "Bearer " + registered.path("registration_access_token").asText();

        assertThatThrownBy(() -> service.update(clientId, "application/json",
                "{\"client_id\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8), bearer))
                .isInstanceOf(RegistrationError.class);
        assertThatThrownBy(() -> service.update(clientId, "application/json", ("{\"client_id\":\"" + clientId
                + "\",\"registration_access_token\":\"x\"}").getBytes(StandardCharsets.UTF_8), bearer))
                .isInstanceOf(RegistrationError.class);
        assertThat(commandService.calls).doesNotContain("update " + clientId);
    }

    @Test
    void readWhenUnknownClientOrNoTokenThenInvalidTokenWithoutSayingWhich() {
        assertThatThrownBy(() -> service.read("dcr-unknown", "Bearer abc"))
                .isInstanceOfSatisfying(RegistrationError.class, e -> assertThat(e.body().error()).isEqualTo("invalid_token"));
        assertThatThrownBy(() -> service.read("dcr-unknown", null))
                .isInstanceOfSatisfying(RegistrationError.class, e -> assertThat(e.body().error()).isEqualTo("invalid_token"));
    }
}
