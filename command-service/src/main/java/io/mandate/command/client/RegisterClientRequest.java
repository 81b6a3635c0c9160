package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.function.Supplier;

/**
 * The body of {@code POST /api/clients} (an administrator's registration, RFC 7591 §2 metadata in
 * Mandate's terms): syntax is checked here, the registration rules are the aggregate's.
 * {@code tokenEndpointAuthMethod} defaults to {@code client_secret_basic}; {@code jwks} only with
 * {@code private_key_jwt} (see {@link NewCredentials}).
 */
record RegisterClientRequest(
        @NotBlank @Size(max = 255) String clientId,
        @NotNull ClientKind kind,
        @NotBlank @Size(max = ClientRules.MAX_NAME) String name,
        @NotBlank @Size(max = 255) String owner,
        @NotEmpty @Size(max = 100) List<@NotBlank String> allowedScopes,
        @Size(max = 20) List<@NotBlank String> resourceUris,
        @Size(max = 64) String tokenEndpointAuthMethod,
        JsonNode jwks,
        @Size(max = ClientRules.MAX_REDIRECT_URIS) List<@NotBlank String> redirectUris,
        @Size(max = 32) String registrationPath,
        @Valid SoftwareStatementBody softwareStatement) {

    NewCredentials toCredentials() {
        return NewCredentials.from(tokenEndpointAuthMethod, jwks);
    }

    /**
     * @param path the path the caller registers through ({@link CallerAccess}); a software statement is
     *             recorded only for dynamic registration
     */
    RegisterClient toCommand(String requestedBy, ClientCredentials credentials, RegistrationPath path) {
        if (softwareStatement != null && path != RegistrationPath.DYNAMIC_REGISTRATION) {
            throw new InvalidFieldException("softwareStatement", "only a dynamic registration carries one");
        }
        return new RegisterClient(field("clientId", () -> ClientId.of(clientId)), kind, name, owner,
                field("allowedScopes", () -> Scopes.of(allowedScopes)),
                resourceUris == null ? List.of() : resourceUris, path, requestedBy, credentials,
                redirectUris == null ? List.of() : redirectUris,
                softwareStatement == null ? null : softwareStatement.toRef());
    }

    private static <T> T field(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(name, e.getMessage());
        }
    }
}
