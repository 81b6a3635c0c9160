package io.mandate.issuer.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.issuer.crypto.CryptoProvider;
import io.mandate.issuer.security.IssuerSecurityForTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(JwksEndpoint.class)
@Import({IssuerSecurityForTests.class, JwksEndpointTest.Keys.class})
class JwksEndpointTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Keys {
        @Bean
        SigningKeys signingKeys() {
            SigningKeys keys = new SigningKeys(CryptoProvider.jdk(), new io.mandate.issuer.projection.IssuerProjection());
            keys.activate(keys.generate());
            return keys;
        }

        @Bean
        java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private SigningKeys keys;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jwksWhenRequestedAnonymouslyThenPublicEcKeyWithThumbprintKid() throws Exception {
        MvcResult result = mvc.perform(get("/oauth2/jwks")).andExpect(status().isOk()).andReturn();

        JsonNode key = json.readTree(result.getResponse().getContentAsString()).get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("EC");
        assertThat(key.get("crv").asText()).isEqualTo("P-256");
        assertThat(key.get("alg").asText()).isEqualTo("ES256");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.get("kid").asText()).isEqualTo(keys.active().orElseThrow().keyId());
        assertThat(key.has("x")).isTrue();
        assertThat(key.has("y")).isTrue();
    }

    @Test
    void jwksWhenServedThenNoPrivateParameterAppears() throws Exception {
        String body = mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString();

        JWKSet served = JWKSet.parse(body);
        assertThat(served.containsNonPublicKeys()).isFalse();
        for (JsonNode key : json.readTree(body).get("keys")) {
            // d: EC/OKP/RSA private key; p, q, dp, dq, qi, oth: RSA private parts; k: symmetric key.
            assertThat(key.has("d") || key.has("p") || key.has("q") || key.has("dp") || key.has("dq")
                    || key.has("qi") || key.has("oth") || key.has("k")).isFalse();
        }
    }

    @Test
    void jwksWhenServedThenPubliclyCacheableForAFewMinutes() throws Exception {
        String cacheControl = mvc.perform(get("/oauth2/jwks")).andReturn().getResponse()
                .getHeader(HttpHeaders.CACHE_CONTROL);

        assertThat(cacheControl).contains("public").contains("max-age=300");
    }
}
