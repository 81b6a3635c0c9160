package io.mandate.query.client;

import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;

import java.time.Instant;
import java.util.List;

/**
 * The current state of one client in the {@code mandate-clients} index (document id = clientId),
 * also the API's representation.
 *
 * @param statusChangedAt when the current status was entered (the registration for ACTIVE at first)
 * @param statusReason    the reason given for the last suspension, reinstatement or deletion
 * @param revokedAt       the latest {@code ClientRevoked} watermark: everything involving the client
 *                        issued at or before it is revoked; absent when never revoked
 * @param lastSequence    the sequence of the last lifecycle event applied (registration, suspension,
 *                        reinstatement, deletion); absent while only a watermark (another aggregate) is known
 * @param tokenEndpointAuthMethod how the client authenticates at the token endpoint, from its latest
 *                        {@code ClientCredentialsSet}; absent for a client that never had credentials
 *                        (the secret hash and keys are never copied here)
 * @param credentialsSetAt when those credentials were set (registration or rotation)
 * @param redirectUris    the exact redirect URIs of the authorization code flow (empty when none)
 * @param softwareStatementIssuer the issuer of the software statement that vouched for a dynamic
 *                        registration (absent when none); {@code softwareId} the software it named
 */
public record ClientDocument(String clientId,
                             ClientKind kind,
                             String name,
                             String owner,
                             List<String> allowedScopes,
                             List<String> resourceUris,
                             RegistrationPath registrationPath,
                             Instant registeredAt,
                             String registeredBy,
                             ClientStatus status,
                             Instant statusChangedAt,
                             String statusChangedBy,
                             String statusReason,
                             Instant revokedAt,
                             Long lastSequence,
                             TokenEndpointAuthMethod tokenEndpointAuthMethod,
                             Instant credentialsSetAt,
                             List<String> redirectUris,
                             String softwareStatementIssuer,
                             String softwareId) {

    /** What is known of a client before its registration has been read: only its id. */
    static ClientDocument unknown(String clientId) {
        return new ClientDocument(clientId, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    ClientDocument withRegistration(String name, ClientKind kind, String owner, List<String> allowedScopes,
                                    List<String> resourceUris, RegistrationPath path, Instant at, String by,
                                    List<String> redirects, String statementIssuer, String statementSoftwareId) {
        return new ClientDocument(clientId, kind, name, owner, allowedScopes, resourceUris, path, at, by, status,
                statusChangedAt, statusChangedBy, statusReason, revokedAt, lastSequence, tokenEndpointAuthMethod,
                credentialsSetAt, redirects, statementIssuer, statementSoftwareId);
    }

    ClientDocument withStatus(ClientStatus newStatus, Instant at, String by, String reason, long sequence) {
        return new ClientDocument(clientId, kind, name, owner, allowedScopes, resourceUris, registrationPath,
                registeredAt, registeredBy, newStatus, at, by, reason, revokedAt, sequence, tokenEndpointAuthMethod,
                credentialsSetAt, redirectUris, softwareStatementIssuer, softwareId);
    }

    /** A metadata update: the description changes, status and registration facts stay. */
    ClientDocument withDescription(String newName, List<String> scopes, List<String> resources, List<String> redirects,
                                   String statementIssuer, String statementSoftwareId, long sequence) {
        return new ClientDocument(clientId, kind, newName, owner, scopes, resources, registrationPath, registeredAt,
                registeredBy, status, statusChangedAt, statusChangedBy, statusReason, revokedAt, sequence,
                tokenEndpointAuthMethod, credentialsSetAt, redirects, statementIssuer, statementSoftwareId);
    }

    ClientDocument withRevokedAt(Instant watermark) {
        return new ClientDocument(clientId, kind, name, owner, allowedScopes, resourceUris, registrationPath,
                registeredAt, registeredBy, status, statusChangedAt, statusChangedBy, statusReason, watermark,
                lastSequence, tokenEndpointAuthMethod, credentialsSetAt, redirectUris, softwareStatementIssuer,
                softwareId);
    }

    ClientDocument withCredentials(TokenEndpointAuthMethod method, Instant setAt) {
        return new ClientDocument(clientId, kind, name, owner, allowedScopes, resourceUris, registrationPath,
                registeredAt, registeredBy, status, statusChangedAt, statusChangedBy, statusReason, revokedAt,
                lastSequence, method, setAt, redirectUris, softwareStatementIssuer, softwareId);
    }
}
