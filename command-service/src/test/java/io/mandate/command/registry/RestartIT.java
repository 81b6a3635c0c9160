package io.mandate.command.registry;

import io.mandate.command.CommandServiceApplication;
import io.mandate.infra.testkit.TestStack;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the service and starts a new one on the same database: the aggregates rebuild from the event
 * store, and a registry whose tables were emptied is backfilled from it before the service takes commands.
 */
class RestartIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final RegisterClient agent = new RegisterClient(ClientId.of("restart-agent-" + run), ClientKind.AGENT,
            "Restart agent", "alice", Scopes.of("docs.read"), List.of(), RegistrationPath.ADMIN, "admin",
            new ClientCredentials(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC, "sha256:restart-" + run, null));
    private final RegisterClient server = new RegisterClient(ClientId.of("restart-api-" + run),
            ClientKind.RESOURCE_SERVER, "Restart API", "team", Scopes.of("docs.read"),
            List.of("https://restart-" + run + ".example/api"), RegistrationPath.ADMIN, "admin",
            ClientCredentials.none());

    @Test
    void restartWhenSameDatabaseThenAggregatesAndRegistryRebuildFromEventStore() {
        GrantId grantId = GrantId.random();
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(agent);
            commands.sendAndWait(server);
            commands.sendAndWait(new CreateGrant(grantId, UserId.of("alice"), agent.clientId(),
                    server.resourceUris().get(0), Scopes.of("docs.read"), DelegationPolicy.agentOnly(), null, "admin"));
        }

        JdbcTemplate jdbc = jdbc();
        // As an operator rebuilding the registry would: empty it while the service is down.
        jdbc.execute("truncate client_registry_resource_uri, client_registry_redirect_uri, client_registry, grant_registry_next_client, grant_registry");

        try (ConfigurableApplicationContext second = start()) {
            CommandGateway commands = second.getBean(CommandGateway.class);
            GrantRegistry grants = second.getBean(GrantRegistry.class);
            ClientRegistry clients = second.getBean(ClientRegistry.class);

            assertThat(clients.find(agent.clientId())).hasValueSatisfying(c -> {
                assertThat(c.isActive()).isTrue();
                assertThat(c.tokenEndpointAuthMethod()).isEqualTo(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);
                assertThat(c.credentialsSetAt()).isEqualTo(c.registeredAt());
            });
            assertThat(grants.activeGrantsOfAgent(agent.clientId())).containsExactly(grantId);
            assertThat(grants.latestGrantCreatedAtForUser(UserId.of("alice"))).isPresent();

            Object registeredAgain = commands.sendAndWait(agent);
            Object revoked = commands.sendAndWait(new RevokeGrant(grantId, "restart test", "admin"));

            assertThat(registeredAgain).hasToString("ALREADY_EXISTED");
            assertThat(revoked).hasFieldOrPropertyWithValue("written", true);
            assertThat(grants.find(grantId)).hasValueSatisfying(g -> assertThat(g.status()).isEqualTo(GrantStatus.REVOKED));
            assertThat(grants.activeGrantsOfAgent(agent.clientId())).isEmpty();
        }
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, agent.clientId().value())).isEqualTo(2L); // ClientRegistered + ClientCredentialsSet
    }

    private static ConfigurableApplicationContext start() {
        System.setProperty("axoniq.update-checker.disabled", "true"); // as CommandServiceApplication.main does
        // As command-line arguments: SpringApplicationBuilder.properties(...) would be mere defaults,
        // which application.yml's own values override.
        List<String> args = new ArrayList<>();
        TestStack.get().springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(args.toArray(String[]::new));
    }

    private static JdbcTemplate jdbc() {
        TestStack stack = TestStack.get();
        return new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                stack.jdbcUrl(), stack.jdbcUsername(), stack.jdbcPassword()));
    }
}
