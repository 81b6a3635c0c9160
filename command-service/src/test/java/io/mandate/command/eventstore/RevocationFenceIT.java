package io.mandate.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.command.RealStack;
import io.mandate.command.support.AdminApi;
import io.mandate.command.support.TestClients;
import io.mandate.infra.testkit.TestStack;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCommands.ExpireGrant;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.SharedEventStore;
import jakarta.persistence.EntityManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The revocation fence on the real PostgreSQL: while a token batch holds the fence shared (as the
 * token-issuer does), every revoking or suspending command waits before its handler reads the clock,
 * other commands do not, and once the batch ends each revocation is stamped after that end.
 */
class RevocationFenceIT extends RealStack {

    /** pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits). */
    private static final long FENCE_HIGH = SharedEventStore.REVOCATION_FENCE_LOCK >>> 32;
    private static final long FENCE_LOW = SharedEventStore.REVOCATION_FENCE_LOCK & 0xFFFFFFFFL;

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RevocationFence fence;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    EntityManager entityManager;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService requests = Executors.newFixedThreadPool(8);
    /** Outside the service's pool, as the token-issuer's own connection would be. */
    private final JdbcTemplate observer = new JdbcTemplate(new DriverManagerDataSource(
            TestStack.get().jdbcUrl(), TestStack.get().jdbcUsername(), TestStack.get().jdbcPassword()));

    @AfterEach
    void stop() {
        requests.shutdownNow();
    }

    @Test
    void revocationsWhenATokenBatchHoldsTheFenceSharedThenTheyWaitAndAreStampedAfterItsEnd() throws Exception {
        TestClients.registerAll(commands);
        String revoked = register("fenced-revoked-" + run);
        String suspended = register("fenced-suspended-" + run);
        String deleted = register("fenced-deleted-" + run);
        // Grants of another agent, so the client revocation's cascade does not race the grant commands.
        String granted = register("fenced-grants-" + run);
        GrantId grant = createGrant(granted, null);
        GrantId expiring = createGrant(granted, Instant.now().plusMillis(500));
        AdminApi api = new AdminApi(port);
        String reason = "{\"reason\": \"fence test\"}";

        Map<String, Future<HttpResponse<String>>> calls = new LinkedHashMap<>();
        Future<Object> expiry;
        Instant released;
        try (Connection issuer = issuerConnection()) {
            holdFenceShared(issuer);

            calls.put("token", requests.submit(() -> api.post("/api/revocations/tokens/jti-fence-" + run, reason, "responder")));
            calls.put("user", requests.submit(() -> api.post("/api/revocations/users/user-fence-" + run, reason, "responder")));
            calls.put("client", requests.submit(() -> api.post("/api/revocations/clients/" + revoked, reason, "responder")));
            calls.put("grant", requests.submit(() -> api.post("/api/grants/" + grant.value() + "/revoke", reason, "responder")));
            calls.put("suspend", requests.submit(() -> api.post("/api/clients/" + suspended + "/suspend", reason, "admin")));
            calls.put("delete", requests.submit(() -> api.send("DELETE", "/api/clients/" + deleted, reason, "admin", Map.of())));
            expiry = requests.submit(() -> {
                Thread.sleep(600); // past the grant's expiresAt
                return commands.sendAndWait(new ExpireGrant(expiring, Instant.now()));
            });

            // Each is waiting on the fence itself, not merely slow to arrive.
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForTheFence() >= calls.size() + 1);
            Thread.sleep(1_000); // time enough for any command that does not wait for the fence to finish
            assertThat(calls.values()).noneMatch(Future::isDone);
            assertThat(expiry).isNotDone();

            // Granting is no revocation: it passes while the batch holds the fence.
            CompletableFuture<Object> created = commands.send(newGrant(GrantId.random(), granted, null));
            assertThat(created.get(30, TimeUnit.SECONDS)).hasToString("CREATED");
            assertThat(calls.values()).noneMatch(Future::isDone);

            released = Instant.now();
            issuer.commit();
        }

        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Future<HttpResponse<String>>> call : calls.entrySet()) {
            HttpResponse<String> response = call.getValue().get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(call.getKey() + ": " + response.body()).isBetween(200, 201);
            answers.put(call.getKey(), AdminApi.json(response));
        }
        expiry.get(60, TimeUnit.SECONDS); // it, or the expiry sweep that also waited for the fence, wrote GrantExpired
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry where aggregate_identifier = ?
                   and payload_type = 'io.mandate.messages.grant.GrantExpired'""", Long.class, expiring.value()))
                .isEqualTo(1L);
        assertThat(List.of(
                answers.get("token").get("revokedAt"),
                answers.get("user").get("revokedAt"),
                answers.get("client").get("revokedAt"),
                answers.get("grant").get("at"),
                lastPayload(suspended).get("suspendedAt"),
                lastPayload(deleted).get("deletedAt")))
                .allSatisfy(at -> assertThat(Instant.parse(at.asText())).isAfter(released));
    }

    @Test
    void lockWhenInATransactionThenHeldOnItsOwnConnectionUntilItEnds() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        List<Integer> holdersInside = transaction.execute(status -> {
            fence.lock();
            int transactionsBackend = ((Number) entityManager.createNativeQuery("select pg_backend_pid()")
                    .getSingleResult()).intValue();
            List<Integer> holders = holdingTheFence();
            assertThat(holders).containsExactly(transactionsBackend);
            return holders;
        });

        assertThat(holdersInside).hasSize(1);
        assertThat(holdingTheFence()).isEmpty();
    }

    @Test
    void lockWhenNoTransactionThenRefusedRatherThanFencingNothing() {
        assertThatThrownBy(fence::lock).isInstanceOf(IllegalStateException.class);
        assertThat(holdingTheFence()).isEmpty();
    }

    private Connection issuerConnection() throws Exception {
        TestStack stack = TestStack.get();
        Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUsername(), stack.jdbcPassword());
        connection.setAutoCommit(false);
        return connection;
    }

    private static void holdFenceShared(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock_shared(" + SharedEventStore.REVOCATION_FENCE_LOCK + ")");
        }
    }

    private int waitingForTheFence() {
        return observer.queryForObject("""
                select count(*) from pg_locks where locktype = 'advisory' and not granted and mode = 'ExclusiveLock'
                   and classid::bigint = ? and objid::bigint = ? and objsubid = 1""",
                Integer.class, FENCE_HIGH, FENCE_LOW);
    }

    private List<Integer> holdingTheFence() {
        return observer.queryForList("""
                select pid from pg_locks where locktype = 'advisory' and granted and mode = 'ExclusiveLock'
                   and classid::bigint = ? and objid::bigint = ? and objsubid = 1""",
                Integer.class, FENCE_HIGH, FENCE_LOW);
    }

    private JsonNode lastPayload(String aggregateId) throws Exception {
        String payload = jdbc.queryForObject("""
                select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?
                 order by sequence_number desc limit 1""", String.class, aggregateId);
        return AdminApi.JSON.readTree(payload);
    }

    private String register(String agent) {
        commands.sendAndWait(new RegisterClient(ClientId.of(agent), ClientKind.AGENT, agent, "team-fence-it",
                Scopes.of("calendar.read"), List.of(), RegistrationPath.ADMIN, "test-setup", ClientCredentials.none()));
        return agent;
    }

    private GrantId createGrant(String agent, Instant expiresAt) {
        GrantId grantId = GrantId.random();
        commands.sendAndWait(newGrant(grantId, agent, expiresAt));
        return grantId;
    }

    private static CreateGrant newGrant(GrantId grantId, String agent, Instant expiresAt) {
        return new CreateGrant(grantId, UserId.of("alice"), ClientId.of(agent), "https://calendar.example.com",
                Scopes.of("calendar.read"), DelegationPolicy.agentOnly(), expiresAt, "fence-it");
    }
}
