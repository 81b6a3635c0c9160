package io.mandate.issuer.registration;

import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mandate.issuer.registration.TestRegistration.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationPolicyTest {

    private final RegistrationPolicy policy = new RegistrationPolicy(TestRegistration.defaults());

    private ClientRegistrationRequest judge(String json) {
        return policy.judge(metadata(json), null, null);
    }

    private static void assertRefused(Runnable judging, String code) {
        assertThatThrownBy(judging::run).isInstanceOfSatisfying(RegistrationError.class,
                e -> assertThat(e.body().error()).isEqualTo(code));
    }

    @Test
    void judgeWhenOnlyRedirectUrisThenAgentWithCodeFlowSecretBasicAndTheKindsMaximumScopes() {
        ClientRegistrationRequest request = judge("{\"redirect_uris\":[\"https://agent.example/cb\"]}");

        assertThat(request.kind()).isEqualTo(ClientKind.AGENT);
        assertThat(request.grantTypes()).containsExactly("authorization_code");
        assertThat(request.responseTypes()).containsExactly("code");
        assertThat(request.authMethod()).isEqualTo(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);
        assertThat(request.scopes().asList()).containsExactlyInAnyOrderElementsOf(TestRegistration.DEMO_SCOPES);
        assertThat(request.owner()).isEqualTo("self-registered");
    }

    @Test
    void judgeWhenScopeWithinTheKindsMaximumThenThatScope() {
        assertThat(judge("{\"grant_types\":[\"client_credentials\"],\"scope\":\"docs.read\"}").scopes())
                .hasToString("docs.read");
    }

    @Test
    void judgeWhenScopeExceedsTheKindsMaximumThenInvalidClientMetadata() {
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"scope\":\"docs.read admin\"}"),
                "invalid_client_metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"APPLICATION", "RESOURCE_SERVER", "ROBOT"})
    void judgeWhenKindMayNotSelfRegisterThenInvalidClientMetadata(String kind) {
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"client_kind\":\"" + kind + "\"}"),
                "invalid_client_metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://agent.example/cb", "https://agent.example/cb#frag", "/relative",
            "https://user@agent.example/cb", "com.example.app:/cb", "javascript:alert(1)", "http://10.0.0.1/cb"})
    void judgeWhenRedirectUriNotHttpsOrLoopbackThenInvalidRedirectUri(String uri) {
        assertRefused(() -> judge("{\"redirect_uris\":[\"" + uri + "\"]}"), "invalid_redirect_uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:51234/cb", "http://[::1]/cb", "http://localhost:8000/callback"})
    void judgeWhenNativeClientUsesLoopbackHttpThenAccepted(String uri) {
        assertThat(judge("{\"redirect_uris\":[\"" + uri + "\"]}").redirectUris()).containsExactly(uri);
    }

    @Test
    void judgeWhenCodeFlowWithoutRedirectUriThenInvalidRedirectUri() {
        assertRefused(() -> judge("{\"grant_types\":[\"authorization_code\"]}"), "invalid_redirect_uri");
    }

    @Test
    void judgeWhenTooManyRedirectUrisThenInvalidRedirectUri() {
        StringBuilder uris = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            uris.append(i == 0 ? "" : ",").append("\"https://agent.example/cb").append(i).append('"');
        }
        assertRefused(() -> judge("{\"redirect_uris\":[" + uris + "]}"), "invalid_redirect_uri");
    }

    @Test
    void judgeWhenPublicClientAsksForClientCredentialsThenInvalidClientMetadata() {
        assertRefused(() -> judge("{\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"client_credentials\"]}"),
                "invalid_client_metadata");
    }

    @Test
    void judgeWhenResponseTypesDisagreeWithGrantTypesThenInvalidClientMetadata() {
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"code\"]}"),
                "invalid_client_metadata");
        assertRefused(() -> judge("{\"redirect_uris\":[\"https://a.example/cb\"],\"response_types\":[\"token\"]}"),
                "invalid_client_metadata");
    }

    @Test
    void judgeWhenUnsupportedGrantTypeThenInvalidClientMetadata() {
        assertRefused(() -> judge("{\"grant_types\":[\"password\"]}"), "invalid_client_metadata");
    }

    @Test
    void judgeWhenJwksUriOrPrivateKeyJwtWithoutKeysOrKeysWithSecretThenInvalidClientMetadata() {
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":"
                + "\"private_key_jwt\",\"jwks_uri\":\"https://a.example/jwks\"}"), "invalid_client_metadata");
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":"
                + "\"private_key_jwt\"}"), "invalid_client_metadata");
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"jwks\":{\"keys\":[]}}"),
                "invalid_client_metadata");
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":"
                + "\"tls_client_auth\"}"), "invalid_client_metadata");
    }

    @Test
    void judgeWhenMcpServerWithoutOrWithResourceThenRefusedOrAccepted() {
        assertRefused(() -> judge("{\"client_kind\":\"MCP_SERVER\",\"grant_types\":[\""
                + RegistrationPolicy.TOKEN_EXCHANGE + "\"]}"), "invalid_client_metadata");
        ClientRegistrationRequest mcp = judge("{\"client_kind\":\"MCP_SERVER\",\"grant_types\":[\""
                + RegistrationPolicy.TOKEN_EXCHANGE + "\"],\"resource\":\"https://mcp.example/\"}");
        assertThat(mcp.resources()).containsExactly("https://mcp.example/");
        assertRefused(() -> judge("{\"grant_types\":[\"client_credentials\"],\"resource\":[\"https://x.example\"]}"),
                "invalid_client_metadata");
    }

    @Test
    void judgeWhenUpdateChangesTheKindThenInvalidClientMetadata() {
        assertRefused(() -> policy.judge(metadata("{\"client_kind\":\"MCP_SERVER\",\"resource\":\"https://m.example\","
                + "\"grant_types\":[\"client_credentials\"]}"), null, ClientKind.AGENT), "invalid_client_metadata");
    }

    @Test
    void metadataWhenFieldHasTheWrongTypeThenInvalidClientMetadataNamingIt() {
        assertThatThrownBy(() -> metadata("{\"redirect_uris\":\"https://a.example/cb\"}"))
                .isInstanceOfSatisfying(RegistrationError.class,
                        e -> assertThat(e.body().description()).startsWith("redirect_uris"));
        assertThatThrownBy(() -> metadata("{\"client_name\":42}"))
                .isInstanceOfSatisfying(RegistrationError.class,
                        e -> assertThat(e.body().description()).startsWith("client_name"));
        assertThatThrownBy(() -> metadata("{\"grant_types\":[\"client_credentials\",\"client_credentials\"]}"))
                .isInstanceOf(RegistrationError.class);
    }

    @Test
    void metadataWhenUnknownFieldsThenIgnored() {
        ClientRegistrationRequest request = judge("{\"grant_types\":[\"client_credentials\"],\"logo_uri\":"
                + "\"https://a.example/logo.png\",\"x-anything\":{\"nested\":[1,2,3]}}");

        assertThat(request.grantTypes()).containsExactly("client_credentials");
    }
}
