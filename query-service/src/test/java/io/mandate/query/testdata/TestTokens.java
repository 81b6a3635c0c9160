package io.mandate.query.testdata;

import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data for the token endpoint's events, signing keys and client credentials, with unique ids. */
public final class TestTokens {

    public static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83O\",\"y\":\"x_FE\"}]}";

    private TestTokens() {
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A second hop: {@code mcp} exchanged a token of {@code agent}'s under {@code grant}. */
    public static TokenExchanged exchanged(GrantId grant, UserId user, ClientId agent, ClientId mcp, Instant at) {
        return new TokenExchanged(Jti.of("jti-" + unique()), Jti.of("parent-" + unique()), List.of(), grant, user, mcp,
                List.of(mcp, agent), "https://calendar.example.com", Scopes.of("calendar.read"), "https://mandate.example",
                "parent-jti", "kid-" + unique(), at, at.plusSeconds(300));
    }

    public static ClientTokenIssued clientTokenIssued(ClientId client, Instant at) {
        return new ClientTokenIssued(Jti.of("jti-" + unique()), client, "https://calendar.example.com",
                Scopes.of("calendar.read"), "kid-" + unique(), at, at.plusSeconds(300));
    }

    public static TokenExchangeRefused refused(ClientId client, GrantId grant, UserId user, Instant at) {
        return new TokenExchangeRefused("refusal-" + unique(), "urn:ietf:params:oauth:grant-type:token-exchange",
                client, true, "invalid_scope", "scope_exceeds_grant", "subject-" + unique(), grant, user,
                "calendar.read calendar.delete", "https://calendar.example.com", at);
    }

    public static SigningKeyCreated keyCreated(Instant at) {
        return new SigningKeyCreated("kid-" + unique(), "ES256", "{\"kty\":\"EC\",\"crv\":\"P-256\"}", "issuer-1", at);
    }

    public static ClientCredentialsSet secretSet(ClientId client, Instant at) {
        return new ClientCredentialsSet(client, new ClientCredentials(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
                "sha256:hash-" + unique(), null), "admin", at);
    }

    public static ClientCredentialsSet keysSet(ClientId client, Instant at) {
        return new ClientCredentialsSet(client, new ClientCredentials(TokenEndpointAuthMethod.PRIVATE_KEY_JWT, null,
                JWKS), "rotator", at);
    }
}
