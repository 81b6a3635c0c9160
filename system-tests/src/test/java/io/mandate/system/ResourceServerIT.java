package io.mandate.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "A token from Mandate validates unchanged in a stock Spring Security resource server configured
 * only with Mandate's issuer URI": the server discovers the keys from the issuer's metadata, accepts
 * a token from a real exchange, and refuses no token, a forged one, and one from another issuer.
 *
 * <p>Spring Security 6.5's decoder accepts only {@code typ: JWT} or no {@code typ}, not RFC 9068's
 * {@code at+jwt} (docs/tokens.md, "Header type"). So the resource server here trusts a second
 * token-issuer instance, started beside the stack in the documented compatibility mode
 * ({@code MANDATE_TOKEN_HEADER_TYPE=JWT}); the resource server itself stays stock. The second
 * instance also shows two issuers sharing one event store and Kafka.
 */
class ResourceServerIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NOTES_API = "https://notes-" + RUN + ".example/api";
    private static final String DAVE = "dave-" + RUN;

    private static RunningMandate mandate;
    private static ClientCredential agent;
    private static String token;
    private static ConfigurableApplicationContext resourceServer;
    private static RunningMandate.ExtraIssuer compatibleIssuer;
    private static String compatibleIssuerUrl;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void exchangeATokenAndStartTheResourceServer() {
        mandate = RunningMandate.get();
        compatibleIssuer = mandate.startExtraIssuer("issuer-jwt-typ", Map.of("MANDATE_TOKEN_HEADER_TYPE", "JWT"));
        compatibleIssuerUrl = compatibleIssuer.url();
        MandateAdmin admin = new MandateAdmin(mandate, new OAuthClient(mandate.issuerUrl()));
        OAuthClient oauth = new OAuthClient(compatibleIssuerUrl);
        admin.registerWithSecret("notes-api-" + RUN, "RESOURCE_SERVER", List.of("notes.read"), List.of(NOTES_API));
        agent = admin.registerWithSecret("notes-agent-" + RUN, "AGENT", List.of("notes.read"), List.of());
        String grant = admin.createGrant(DAVE, agent.clientId(), NOTES_API, List.of("notes.read"), Map.of("maxDepth", 1));
        admin.awaitIssuerHas(List.of(grant), List.of(agent));
        Http http = new Http();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> http.get(
                compatibleIssuerUrl + "/internal/projection/grants/" + grant, "admin", "mandate-admin").statusCode() == 200
                && oauth.introspect(agent, "not-a-token").ok());
        OAuthClient.Response exchanged = oauth.exchange(agent, mandate.userToken(DAVE), OAuthClient.JWT_TOKEN_TYPE,
                NOTES_API, null);
        assertThat(exchanged.status()).as("%s", exchanged).isEqualTo(200);
        token = exchanged.accessToken();
        assertThat(IssuedToken.parse(token).header().getType().getType()).isEqualTo("JWT");
        resourceServer = StockResourceServer.start(compatibleIssuerUrl);
    }

    @AfterAll
    static void stopTheResourceServer() {
        if (resourceServer != null) {
            resourceServer.close();
        }
        if (compatibleIssuer != null) {
            compatibleIssuer.process().stop();
        }
    }

    @Test
    void tokenFromAnExchangeWhenPresentedThenAcceptedForTheUser() {
        HttpResponse<String> response = whoAmI(token);

        assertThat(response.statusCode()).as("stock resource server refused a Mandate token: %s",
                response.headers().firstValue("WWW-Authenticate").orElse("(no WWW-Authenticate)")).isEqualTo(200);
        assertThat(Http.json(response).path("sub").asText()).isEqualTo(DAVE);
        assertThat(Http.json(response).path("client_id").asText()).isEqualTo(agent.clientId());
    }

    @Test
    void noTokenWhenCallingThenUnauthorized() {
        assertThat(whoAmI(null).statusCode()).isEqualTo(401);
    }

    @Test
    void tamperedTokenWhenPresentedThenUnauthorized() {
        String forged = IssuedToken.parse(token).tampered("sub", "mallory-" + RUN).serialized();

        assertThat(whoAmI(forged).statusCode()).isEqualTo(401);
    }

    @Test
    void identityProvidersTokenWhenPresentedThenUnauthorized() {
        assertThat(whoAmI(mandate.userToken(DAVE)).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> whoAmI(String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(StockResourceServer.url(resourceServer) + "/whoami"));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
