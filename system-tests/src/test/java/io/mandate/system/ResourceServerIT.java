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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A token from Mandate validates unchanged in a stock Spring Security resource server configured
 * only with Mandate's issuer URI": the server discovers the keys from the issuer's metadata, accepts
 * a token from a real exchange, and refuses no token, a forged one, and one from another issuer.
 */
class ResourceServerIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NOTES_API = "https://notes-" + RUN + ".example/api";
    private static final String DAVE = "dave-" + RUN;

    private static RunningMandate mandate;
    private static ClientCredential agent;
    private static String token;
    private static ConfigurableApplicationContext resourceServer;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void exchangeATokenAndStartTheResourceServer() {
        mandate = RunningMandate.get();
        OAuthClient oauth = new OAuthClient(mandate.issuerUrl());
        MandateAdmin admin = new MandateAdmin(mandate, oauth);
        admin.registerWithSecret("notes-api-" + RUN, "RESOURCE_SERVER", List.of("notes.read"), List.of(NOTES_API));
        agent = admin.registerWithSecret("notes-agent-" + RUN, "AGENT", List.of("notes.read"), List.of());
        String grant = admin.createGrant(DAVE, agent.clientId(), NOTES_API, List.of("notes.read"), Map.of("maxDepth", 1));
        admin.awaitIssuerHas(List.of(grant), List.of(agent));
        OAuthClient.Response exchanged = oauth.exchange(agent, mandate.userToken(DAVE), OAuthClient.JWT_TOKEN_TYPE,
                NOTES_API, null);
        assertThat(exchanged.status()).as("%s", exchanged).isEqualTo(200);
        token = exchanged.accessToken();
        resourceServer = StockResourceServer.start(mandate.issuerUrl());
    }

    @AfterAll
    static void stopTheResourceServer() {
        if (resourceServer != null) {
            resourceServer.close();
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
