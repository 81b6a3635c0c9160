package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.ClientCommands.UpdateClientMetadata;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code PUT /api/clients/{clientId}} (RFC 7592 §2.2 in Mandate's terms): the whole new
 * description. {@code tokenEndpointAuthMethod} absent keeps the current credentials; given, new
 * credentials are set only if the method or keys differ.
 */
record UpdateClientRequest(
        @NotBlank @Size(max = ClientRules.MAX_NAME) String name,
        @NotEmpty @Size(max = 100) List<@NotBlank String> allowedScopes,
        @Size(max = 20) List<@NotBlank String> resourceUris,
        @Size(max = ClientRules.MAX_REDIRECT_URIS) List<@NotBlank String> redirectUris,
        @Size(max = 64) String tokenEndpointAuthMethod,
        JsonNode jwks,
        @Valid SoftwareStatementBody softwareStatement) {

    /** Null when the request keeps the current credentials. */
    NewCredentials toCredentials() {
        if (tokenEndpointAuthMethod == null) {
            if (jwks != null && !jwks.isNull()) {
                throw new InvalidFieldException("jwks", "needs tokenEndpointAuthMethod private_key_jwt");
            }
            return null;
        }
        return NewCredentials.from(tokenEndpointAuthMethod, jwks);
    }

    UpdateClientMetadata toCommand(ClientId clientId, NewCredentials credentials, String requestedBy) {
        Scopes scopes;
        try {
            scopes = Scopes.of(allowedScopes);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("allowedScopes", e.getMessage());
        }
        return new UpdateClientMetadata(clientId, name, scopes, resourceUris, redirectUris,
                softwareStatement == null ? null : softwareStatement.toRef(),
                credentials == null ? null : credentials.credentials(), requestedBy);
    }
}
