package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.exchange.MutableClock;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataDocumentResolverTest {

    /** The command side as the resolver sees it: records what it was asked, answers like the real one. */
    static final class RecordingCommandService extends CommandServiceClient {
        final List<String> calls = new ArrayList<>();
        ClientRegistrationRequest registeredAs;

        RecordingCommandService() {
            super(TestRegistration.defaults(), new ObjectMapper());
        }

        @Override
        Registered register(String clientId, ClientRegistrationRequest request, RegistrationPath path) {
            calls.add("register " + path);
            if (registeredAs == null) {
                registeredAs = request;
                return new Registered(Outcome.CREATED, null);
            }
            return new Registered(registeredAs.equals(request) ? Outcome.ALREADY_REGISTERED : Outcome.CONFLICT, null);
        }

        @Override
        String update(String clientId, String name, ClientRegistrationRequest request, boolean setCredentials) {
            calls.add("update " + name);
            registeredAs = request;
            return null;
        }
    }

    private final DocumentServer server = new DocumentServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final RecordingCommandService commandService = new RecordingCommandService();
    private final RegistrationProperties properties =
            TestRegistration.withDocuments(TestRegistration.loopbackDocuments(Duration.ofSeconds(2), 5120));
    private final MetadataDocumentResolver resolver = new MetadataDocumentResolver(properties,
            new SafeFetcher(properties.metadataDocuments(), InetAddress::getAllByName, java.time.Clock.systemUTC()),
            new RegistrationPolicy(properties), commandService, new IssuerProjection(), clock);

    MetadataDocumentResolverTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String document(String clientId, String name) {
        return "{\"client_id\":\"" + clientId + "\",\"client_name\":\"" + name + "\",\"redirect_uris\":"
                + "[\"http://127.0.0.1:7777/cb\"],\"token_endpoint_auth_method\":\"none\",\"scope\":\"calendar.read\"}";
    }

    @Test
    void resolveWhenGoodDocumentThenRegisteredOnceAsMetadataDocumentAndCachedPerItsHeaders() {
        String clientId = server.url("/agent.json");
        server.json("/agent.json", document(clientId, "Doc agent"), "Cache-Control", "max-age=300");

        ResolvedClient client = resolver.resolve(clientId).orElseThrow();
        resolver.resolve(clientId);

        assertThat(client.kind()).isEqualTo(ClientKind.AGENT);
        assertThat(client.name()).isEqualTo("Doc agent");
        assertThat(client.redirectUris()).containsExactly("http://127.0.0.1:7777/cb");
        assertThat(client.tokenEndpointAuthMethod()).isEqualTo(TokenEndpointAuthMethod.NONE);
        assertThat(client.registrationPath()).isEqualTo(RegistrationPath.METADATA_DOCUMENT);
        assertThat(commandService.calls).containsExactly("register METADATA_DOCUMENT");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void resolveWhenCacheExpiredAndDocumentUnchangedThenFetchedAgainAndNothingUpdated() {
        String clientId = server.url("/same.json");
        server.json("/same.json", document(clientId, "Same"), "Cache-Control", "max-age=60");

        resolver.resolve(clientId);
        clock.advance(Duration.ofSeconds(61));
        resolver.resolve(clientId);

        assertThat(server.requests()).isEqualTo(2);
        assertThat(commandService.calls).containsExactly("register METADATA_DOCUMENT", "register METADATA_DOCUMENT");
    }

    @Test
    void resolveWhenDocumentChangedAfterExpiryThenOneUpdate() {
        String clientId = server.url("/changing.json");
        server.json("/changing.json", document(clientId, "Before"), "Cache-Control", "no-store");
        resolver.resolve(clientId);

        server.json("/changing.json", document(clientId, "After"), "Cache-Control", "no-store");
        ResolvedClient after = resolver.resolve(clientId).orElseThrow();

        assertThat(after.name()).isEqualTo("After");
        assertThat(commandService.calls).containsExactly("register METADATA_DOCUMENT", "register METADATA_DOCUMENT",
                "update After");
    }

    @Test
    void resolveWhenDocumentNamesAnotherClientIdThenRefusedAndNothingRegistered() {
        String clientId = server.url("/mismatch.json");
        server.json("/mismatch.json", document("https://someone-else.example/agent.json", "Impostor"));

        assertThatThrownBy(() -> resolver.resolve(clientId)).isInstanceOf(ClientResolutionException.class)
                .hasMessageContaining("client_id is not its own URL");
        assertThat(commandService.calls).isEmpty();
    }

    @Test
    void resolveWhenDocumentWantsAClientSecretThenRefusedAndNothingRegistered() {
        String clientId = server.url("/secret.json");
        server.json("/secret.json", document(clientId, "Secretive").replace("\"none\"", "\"client_secret_basic\""));

        assertThatThrownBy(() -> resolver.resolve(clientId)).isInstanceOf(ClientResolutionException.class)
                .hasMessageContaining("cannot use a client secret");
        assertThat(commandService.calls).isEmpty();
    }

    @Test
    void resolveWhenDocumentOversizedOrNotJsonOrRedirectingThenRefusedAndNothingRegistered() {
        server.json("/big.json", "{\"client_id\":\"" + "x".repeat(6000) + "\"}");
        server.json("/text.json", "not json at all");
        server.on("/redirect.json", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(301, -1);
        });

        for (String path : List.of("/big.json", "/text.json", "/redirect.json")) {
            assertThatThrownBy(() -> resolver.resolve(server.url(path))).as(path)
                    .isInstanceOf(ClientResolutionException.class);
        }
        assertThat(commandService.calls).isEmpty();
    }

    @Test
    void resolveWhenPlainIdUnknownToTheProjectionThenEmptyWithoutFetching() {
        assertThat(resolver.resolve("some-agent")).isEmpty();
        assertThat(server.requests()).isZero();
    }
}
