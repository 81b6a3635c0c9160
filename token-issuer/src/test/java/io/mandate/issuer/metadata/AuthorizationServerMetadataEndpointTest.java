package io.mandate.issuer.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.registration.RegistrationProperties;
import io.mandate.issuer.security.IssuerSecurityForTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// A trailing slash on purpose: the advertised endpoints must not get a double slash.
@WebMvcTest(AuthorizationServerMetadataEndpoint.class)
@Import(IssuerSecurityForTests.class)
@EnableConfigurationProperties({IssuerProperties.class, RegistrationProperties.class})
@TestPropertySource(properties = "mandate.issuer.url=https://issuer.example/")
class AuthorizationServerMetadataEndpointTest {

    @Autowired
    private MockMvc mvc;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void metadataWhenRequestedAnonymouslyThenIssuerAndEndpointsUnderIt() throws Exception {
        JsonNode metadata = metadata();

        assertThat(metadata.get("issuer").asText()).isEqualTo("https://issuer.example/");
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo("https://issuer.example/oauth2/token");
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo("https://issuer.example/oauth2/jwks");
    }

    @Test
    void metadataWhenRequestedThenGrantTypesAndClientAuthenticationAdvertised() throws Exception {
        JsonNode metadata = metadata();

        assertThat(strings(metadata.get("grant_types_supported")))
                .containsExactly("authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange",
                        "client_credentials");
        assertThat(strings(metadata.get("token_endpoint_auth_methods_supported")))
                .containsExactly("private_key_jwt", "client_secret_basic");
        assertThat(strings(metadata.get("token_endpoint_auth_signing_alg_values_supported")))
                .contains("ES256").doesNotContain("none", "HS256");
        assertThat(strings(metadata.get("response_types_supported"))).containsExactly("code");
    }

    @Test
    void metadataWhenRequestedThenAuthorizationEndpointWithS256OnlyAndIssParameter() throws Exception {
        JsonNode metadata = metadata();

        assertThat(metadata.get("authorization_endpoint").asText()).isEqualTo("https://issuer.example/oauth2/authorize");
        assertThat(strings(metadata.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
    }

    @Test
    void metadataWhenRequestedThenOnlyExistingEndpointsAreListed() throws Exception {
        List<String> fields = new ArrayList<>();
        metadata().fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrder("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri",
                "grant_types_supported", "response_types_supported", "token_endpoint_auth_methods_supported",
                "token_endpoint_auth_signing_alg_values_supported", "introspection_endpoint",
                "introspection_endpoint_auth_methods_supported", "revocation_endpoint",
                "revocation_endpoint_auth_methods_supported", "code_challenge_methods_supported",
                "authorization_response_iss_parameter_supported", "registration_endpoint",
                "client_id_metadata_document_supported");
    }

    @Test
    void metadataWhenRegistrationEnabledThenRegistrationEndpointAndMetadataDocumentsAdvertised() throws Exception {
        JsonNode metadata = metadata();

        assertThat(metadata.get("registration_endpoint").asText()).isEqualTo("https://issuer.example/oauth2/register");
        assertThat(metadata.get("client_id_metadata_document_supported").asBoolean()).isTrue();
    }

    @Test
    void metadataWhenRequestedThenIntrospectionAndRevocationUnderTheIssuer() throws Exception {
        JsonNode metadata = metadata();

        assertThat(metadata.get("introspection_endpoint").asText()).isEqualTo("https://issuer.example/oauth2/introspect");
        assertThat(metadata.get("revocation_endpoint").asText()).isEqualTo("https://issuer.example/oauth2/revoke");
        assertThat(strings(metadata.get("revocation_endpoint_auth_methods_supported")))
                .containsExactly("private_key_jwt", "client_secret_basic");
    }

    private JsonNode metadata() throws Exception {
        String body = mvc.perform(get("/.well-known/oauth-authorization-server"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
