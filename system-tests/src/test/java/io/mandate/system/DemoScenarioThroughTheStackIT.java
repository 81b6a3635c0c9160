package io.mandate.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.infra.launcher.DemoCast;
import io.mandate.infra.launcher.DemoScenario;
import io.mandate.infra.launcher.StackSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7's last acceptance line: the README demo's seeded users get their grants through login and
 * consent. {@link DemoScenario} (what {@code ./mandate up} runs) is played against the running
 * services with the standard cast under ids of this run: each grant is born from its user's consent
 * ({@code GrantCreated} origin CONSENT, {@code createdBy user:<id>}, the unticked scope left out), the
 * agent redeemed the code ({@code AuthorizationCodeRedeemed}), and seeding again asks nobody again and
 * writes no event.
 */
class DemoScenarioThroughTheStackIT {

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final DemoCast CAST = DemoCast.standard().renamed(RUN);

    private final Http http = new Http();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void seedWhenRunTwiceThenEachGrantIsBornOnceFromItsUsersConsentAndTheAgentRedeemedTheCode() throws Exception {
        RunningMandate mandate = RunningMandate.get();
        Path home = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "demo-scenario-" + RUN));
        DemoScenario scenario = new DemoScenario(mandate.url(StackSettings.COMMAND_SERVICE), mandate.issuerUrl(),
                "mandate-admin", home, CAST, new PrintStream(printed, true, StandardCharsets.UTF_8));

        DemoScenario.Result first = scenario.seed();

        assertThat(first.failures()).as(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(first.clientsRegistered()).isEqualTo(6);
        assertThat(first.grantsAlreadyThere()).isZero();
        assertThat(first.consented()).extracting(DemoScenario.Consented::grant)
                .containsExactlyInAnyOrderElementsOf(CAST.grants());
        for (DemoScenario.Consented consented : first.consented()) {
            DemoCast.Grant grant = consented.grant();
            JsonNode created = awaitEvent(mandate, consented.grantId(), "GrantCreated").path("payload");
            assertThat(created.path("origin").asText()).isEqualTo("CONSENT");
            assertThat(created.path("createdBy").asText()).isEqualTo("user:" + grant.userId());
            assertThat(created.path("userId").asText()).isEqualTo(grant.userId());
            assertThat(created.path("agentId").asText()).isEqualTo(grant.agentId());
            assertThat(created.path("audience").asText()).isEqualTo(grant.resource());
            assertThat(texts(created.path("scopes"))).containsExactlyInAnyOrderElementsOf(grant.consented());
            assertThat(texts(created.path("policy").path("allowedNextKinds")))
                    .isEqualTo(grant.delegateToMcpServer() ? List.of("MCP_SERVER") : List.of());
            JsonNode redeemed = awaitEvent(mandate, "issued:" + consented.jti(), "AuthorizationCodeRedeemed");
            assertThat(redeemed.path("userId").asText()).isEqualTo(grant.userId());
            assertThat(redeemed.path("grantId").asText()).isEqualTo(consented.grantId());
            assertThat(consented.scope().split(" ")).containsExactlyInAnyOrderElementsOf(grant.consented());
        }
        // alice unticked calendar.write on the consent page: her travel agent's grant does not hold it
        DemoCast.Grant calendar = CAST.firstGrantOf("alice-" + RUN, "travel-agent-" + RUN).orElseThrow();
        assertThat(calendar.consented()).containsExactly("calendar.read");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("demo/user-tokens.env"))))
                .isEqualTo("rw-------");
        long grantEvents = grantCreatedEventsOfTheCast(mandate);
        assertThat(grantEvents).isEqualTo(3);

        DemoScenario.Result second = scenario.seed();

        assertThat(second.failures()).as(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(second.consented()).isEmpty();
        assertThat(second.grantsAlreadyThere()).isEqualTo(3);
        assertThat(second.clientsRegistered()).isZero();
        assertThat(second.secretsSaved()).isZero();
        assertThat(grantCreatedEventsOfTheCast(mandate)).isEqualTo(grantEvents);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("3 grants by consent (0 new");
    }

    /** GrantCreated events in the event store whose user is one of this run's demo users. */
    private static long grantCreatedEventsOfTheCast(RunningMandate mandate) throws SQLException {
        long count = 0;
        try (Connection connection = DriverManager.getConnection(mandate.stack().jdbcUrl(),
                mandate.stack().jdbcUsername(), mandate.stack().jdbcPassword());
             PreparedStatement select = connection.prepareStatement("select count(*) from domain_event_entry "
                     + "where payload_type like '%GrantCreated' and convert_from(payload, 'UTF8') like ?")) {
            for (DemoCast.User user : CAST.users()) {
                select.setString(1, "%\"" + user.userId() + "\"%");
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    count += rows.getLong(1);
                }
            }
        }
        return count;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The event of this type on this aggregate, once the query-service has indexed it. */
    private JsonNode awaitEvent(RunningMandate mandate, String aggregateId, String type) {
        return IndexedEvents.awaitIndexed(mandate, http, aggregateId, type, QUERY_TIMEOUT);
    }
}
