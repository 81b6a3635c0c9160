package io.mandate.query.testdata;

import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data for clients and revocations, with unique ids so tests never see each other's data. */
public final class TestClients {

    public static final Instant REGISTERED_AT = Instant.parse("2026-11-28T09:00:00Z");

    private TestClients() {
    }

    public static ClientRegistered aClientRegistered() {
        return new ClientRegistered(ClientId.of("mcp-" + UUID.randomUUID().toString().substring(0, 8)),
                ClientKind.MCP_SERVER, "Calendar MCP", "team-calendar", Scopes.of("calendar.write", "calendar.read"),
                List.of("https://calendar.example.com/mcp"), RegistrationPath.ADMIN, "admin", REGISTERED_AT);
    }

    public static ClientSuspended suspended(ClientId clientId, Instant at) {
        return new ClientSuspended(clientId, "suspicious tool calls", "responder", at);
    }

    public static ClientReinstated reinstated(ClientId clientId, Instant at) {
        return new ClientReinstated(clientId, "false alarm", "admin", at);
    }

    public static ClientDeleted deleted(ClientId clientId, Instant at) {
        return new ClientDeleted(clientId, "decommissioned", "admin", at);
    }

    public static ClientRevoked clientRevoked(ClientId clientId, Instant at) {
        return new ClientRevoked(clientId, "key leaked", "responder", at);
    }

    public static UserRevoked userRevoked(UserId userId, Instant at) {
        return new UserRevoked(userId, "account compromised", "responder", at);
    }

    public static TokenRevoked tokenRevoked(Instant at) {
        return new TokenRevoked(Jti.of("jti-" + UUID.randomUUID()), "token replayed", "responder", at);
    }
}
