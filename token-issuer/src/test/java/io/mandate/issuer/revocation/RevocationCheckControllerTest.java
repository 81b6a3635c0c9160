package io.mandate.issuer.revocation;

import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.security.IssuerSecurityForTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.ZoneOffset;

import static io.mandate.issuer.projection.TestEvents.T0;
import static io.mandate.issuer.projection.TestEvents.envelope;
import static io.mandate.issuer.projection.TestEvents.grantCreated;
import static io.mandate.issuer.projection.TestEvents.registered;
import static io.mandate.issuer.projection.TestEvents.userRevoked;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The internal check endpoint through the production security rules, on a fixed clock. */
@WebMvcTest(RevocationCheckController.class)
@Import({IssuerSecurityForTests.class, IssuerProjection.class, RevocationConfiguration.class,
        RevocationCheckControllerTest.FixedClock.class})
class RevocationCheckControllerTest {

    private static final String TOKEN = """
            {"jti": "jti-1", "grantId": "g1", "userId": "alice", "actorChain": ["agent-1"],
             "issuedAt": "2026-11-28T10:01:00Z", "expiresAt": "2026-11-28T10:11:00Z"}""";

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC);
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private IssuerProjection projection;

    @BeforeEach
    void aGrant() {
        projection.apply(envelope(registered("agent-1"), 0));
        projection.apply(envelope(grantCreated("g1", "alice", "agent-1", T0, null), 0));
    }

    @Test
    void checkWhenNothingRevokedThenNotRevoked() throws Exception {
        mvc.perform(check(TOKEN).with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jti").value("jti-1"))
                .andExpect(jsonPath("$.revoked").value(false))
                .andExpect(jsonPath("$.grain").doesNotExist())
                .andExpect(jsonPath("$.checkedAt").value("2026-11-28T10:02:00Z"));
    }

    @Test
    void checkWhenUserRevokedAfterIssueThenRevokedWithGrainAndReason() throws Exception {
        projection.apply(envelope(userRevoked("alice", T0.plusSeconds(90)), 0));

        mvc.perform(check(TOKEN).with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revoked").value(true))
                .andExpect(jsonPath("$.grain").value("USER"))
                .andExpect(jsonPath("$.reason").value(containsString("alice")));
    }

    @Test
    void checkWhenFieldMissingThenBadRequestProblemNamingIt() throws Exception {
        mvc.perform(check("{\"jti\": \"jti-1\", \"grantId\": \"g1\", \"userId\": \"alice\", \"actorChain\": []}")
                        .with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("actorChain")))
                .andExpect(jsonPath("$.detail").value(containsString("issuedAt")));
    }

    @Test
    void checkWhenInstantMalformedThenBadRequestProblemNamingTheField() throws Exception {
        mvc.perform(check(TOKEN.replace("2026-11-28T10:01:00Z", "yesterday")).with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("issuedAt"));
    }

    @Test
    void checkWhenExpiryBeforeIssueThenBadRequestProblem() throws Exception {
        mvc.perform(check(TOKEN.replace("10:11:00Z", "10:00:00Z")).with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("expiresAt")));
    }

    @Test
    void checkWhenNotAdminThenForbiddenOrUnauthorizedProblem() throws Exception {
        mvc.perform(check(TOKEN).with(httpBasic("responder", "mandate-responder")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(check(TOKEN)).andExpect(status().isUnauthorized());
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder check(String body) {
        return post("/internal/revocation/check").contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
