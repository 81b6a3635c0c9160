package io.mandate.issuer.projection;

import io.mandate.issuer.security.IssuerSecurityForTests;
import io.mandate.messages.id.GrantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static io.mandate.issuer.projection.TestGrants.aGrantCreated;
import static io.mandate.issuer.projection.TestGrants.envelope;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The admin view through the production security rules, with the bootstrap users' default passwords. */
@WebMvcTest(ProjectionController.class)
@Import({IssuerSecurityForTests.class, IssuerProjection.class, ReaderProgress.class})
class ProjectionControllerTest {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private IssuerProjection projection;

    @Test
    void grantWhenKnownAndCallerIsAdminThenGrantViewJson() throws Exception {
        GrantId grantId = GrantId.random();
        projection.apply(envelope(aGrantCreated(grantId), 0));

        mvc.perform(get("/internal/projection/grants/{id}", grantId.value()).with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.grantId").value(grantId.value()))
                .andExpect(jsonPath("$.userId").value("alice"))
                .andExpect(jsonPath("$.agentId").value("travel-agent"))
                .andExpect(jsonPath("$.scopes[0]").value("calendar.read"))
                .andExpect(jsonPath("$.policy.maxDepth").value(1))
                .andExpect(jsonPath("$.createdAt").value("2026-11-28T10:00:00Z"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.sequence").value(0));
    }

    @Test
    void grantWhenUnknownThenNotFoundProblem() throws Exception {
        mvc.perform(get("/internal/projection/grants/grt_unknown").with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value(containsString("grt_unknown")));
    }

    @Test
    void statusWhenAdminThenCountsAndCaughtUpFlag() throws Exception {
        projection.apply(envelope(aGrantCreated(GrantId.random()), 0));

        mvc.perform(get("/internal/projection").with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caughtUp").value(projection.isCaughtUp()))
                .andExpect(jsonPath("$.grants").value(projection.grantCount()))
                .andExpect(jsonPath("$.clients").value(projection.clientCount()))
                .andExpect(jsonPath("$.userWatermarks").isNumber())
                .andExpect(jsonPath("$.clientWatermarks").isNumber())
                .andExpect(jsonPath("$.revokedTokens").isNumber())
                .andExpect(jsonPath("$.eventsApplied").isNumber())
                .andExpect(jsonPath("$.recordsSkipped").value(0));
    }

    @Test
    void clientWhenRegisteredAndRevokedThenLifecycleAndWatermark() throws Exception {
        projection.apply(TestEvents.envelope(TestEvents.registered("agent-9"), 0));
        projection.apply(TestEvents.envelope(TestEvents.clientRevoked("agent-9", TestEvents.T0.plusSeconds(5)), 0));

        mvc.perform(get("/internal/projection/clients/agent-9").with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.client.status").value("ACTIVE"))
                .andExpect(jsonPath("$.client.kind").value("AGENT"))
                .andExpect(jsonPath("$.client.allowedScopes[1]").value("calendar.write"))
                .andExpect(jsonPath("$.watermark.revokedAt").value("2026-11-28T10:00:05Z"))
                .andExpect(jsonPath("$.watermark.reason").value("compromised"));
    }

    @Test
    void clientOrUserWhenUnknownThenNotFoundProblem() throws Exception {
        mvc.perform(get("/internal/projection/clients/nobody").with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/internal/projection/users/nobody").with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isNotFound());
    }

    @Test
    void userWhenRevokedThenWatermark() throws Exception {
        projection.apply(TestEvents.envelope(TestEvents.userRevoked("carol", TestEvents.T0), 0));

        mvc.perform(get("/internal/projection/users/carol").with(httpBasic("admin", "mandate-admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value("carol"))
                .andExpect(jsonPath("$.watermark.revokedAt").value("2026-11-28T10:00:00Z"));
    }

    @Test
    void statusWhenAnonymousThenUnauthorizedProblemWithBasicChallenge() throws Exception {
        mvc.perform(get("/internal/projection"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Basic")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void statusWhenWrongPasswordThenUnauthorizedProblem() throws Exception {
        mvc.perform(get("/internal/projection").with(httpBasic("admin", "not-the-password")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void statusWhenInvestigatorOrResponderThenForbiddenProblem() throws Exception {
        mvc.perform(get("/internal/projection").with(httpBasic("investigator", "mandate-investigator")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/internal/projection").with(httpBasic("responder", "mandate-responder")))
                .andExpect(status().isForbidden());
    }
}
