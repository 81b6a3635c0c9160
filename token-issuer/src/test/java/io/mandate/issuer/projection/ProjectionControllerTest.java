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
                .andExpect(jsonPath("$.eventsApplied").isNumber())
                .andExpect(jsonPath("$.recordsSkipped").value(0));
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
