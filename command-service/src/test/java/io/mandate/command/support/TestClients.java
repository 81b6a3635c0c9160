package io.mandate.command.support;

import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.List;

/**
 * Registers the clients the integration tests' grants name. Registering the same description again is
 * an idempotent no-op, so every test class may call {@link #registerAll} before its tests.
 */
public final class TestClients {

    private TestClients() {
    }

    public static void registerAll(CommandGateway commands) {
        register(commands, "travel-agent", ClientKind.AGENT,
                Scopes.of("calendar.read", "calendar.write", "mail.read", "mail.send"), List.of());
        register(commands, "mail-agent", ClientKind.AGENT, Scopes.of("mail.read"), List.of());
        register(commands, "calendar-api", ClientKind.RESOURCE_SERVER, Scopes.of("calendar.read", "calendar.write"),
                List.of("https://calendar.example.com"));
        register(commands, "mail-api", ClientKind.RESOURCE_SERVER, Scopes.of("mail.read", "mail.send"),
                List.of("https://mail.example.com"));
        register(commands, "calendar-mcp", ClientKind.MCP_SERVER, Scopes.of("calendar.read", "calendar.write"),
                List.of("https://mcp.calendar.example.com"));
    }

    private static void register(CommandGateway commands, String id, ClientKind kind, Scopes scopes, List<String> uris) {
        commands.sendAndWait(new RegisterClient(ClientId.of(id), kind, id, "team-" + id, scopes, uris,
                RegistrationPath.ADMIN, "test-setup", ClientCredentials.none()));
    }
}
