package io.mandate.issuer.token;

import io.mandate.issuer.security.IssuerSecurityForTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(TokenEndpoint.class)
@Import(IssuerSecurityForTests.class)
class TokenEndpointTest {

    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    @Autowired
    private MockMvc mvc;

    @Test
    void tokenWhenGrantTypeMissingThenInvalidRequest() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("scope", "calendar.read")), "invalid_request");
    }

    @Test
    void tokenWhenGrantTypeRepeatedThenInvalidRequest() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "client_credentials", "client_credentials")), "invalid_request");
    }

    @Test
    void tokenWhenTokenExchangeRequestedThenUnsupportedGrantTypeForNow() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", TOKEN_EXCHANGE)
                .param("subject_token", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln")
                .param("subject_token_type", "urn:ietf:params:oauth:token-type:access_token")), "unsupported_grant_type");
    }

    @Test
    void tokenWhenUnknownGrantTypeThenUnsupportedGrantType() throws Exception {
        expectOAuthError(mvc.perform(post("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "password")), "unsupported_grant_type");
    }

    @Test
    void tokenWhenClientSendsBasicCredentialsThenTheyReachTheEndpointNotTheAdminLogin() throws Exception {
        // client_secret_basic (RFC 6749 §2.3.1) must not be mistaken for a bootstrap user login (a 401 problem).
        expectOAuthError(mvc.perform(post("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, "Basic dHJhdmVsLWFnZW50OndoYXRldmVy")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "client_credentials")), "unsupported_grant_type");
    }

    private static void expectOAuthError(ResultActions result, String error) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(header().string(HttpHeaders.PRAGMA, "no-cache"))
                .andExpect(jsonPath("$.error").value(error))
                .andExpect(jsonPath("$.error_description").isString())
                .andExpect(jsonPath("$.error_uri").value(startsWith("https://www.rfc-editor.org/rfc/rfc6749")))
                .andExpect(jsonPath("$.status").doesNotExist());
    }
}
