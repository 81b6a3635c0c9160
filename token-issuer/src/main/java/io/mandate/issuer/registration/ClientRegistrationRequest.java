package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.messages.client.SoftwareStatementRef;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;

import java.util.List;

/**
 * Metadata the policy accepted: what the command-service is asked to record, plus the grant and response
 * types that only the issuer keeps (the client aggregate has no use for them).
 *
 * @param name null when the client gave none (the client id is used then)
 */
record ClientRegistrationRequest(ClientKind kind,
                                 String name,
                                 Scopes scopes,
                                 List<String> redirectUris,
                                 List<String> grantTypes,
                                 List<String> responseTypes,
                                 TokenEndpointAuthMethod authMethod,
                                 JsonNode jwks,
                                 List<String> resources,
                                 SoftwareStatementRef softwareStatement) {

    /** The owner recorded for a self-registered client: who vouched for it, if anyone did. */
    String owner() {
        return softwareStatement == null ? "self-registered" : softwareStatement.issuer();
    }
}
