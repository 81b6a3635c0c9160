package io.mandate.issuer.projection;

import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.List;

/**
 * What the issuer knows about one client: where it may stand in a chain (kind), the most it may
 * hold (allowedScopes), the audiences it serves (RFC 8707 resourceUris) and whether it may act
 * now. Immutable. As with {@link GrantView}, a status event for a client whose registration this
 * issuer never saw yields a view with the registration fields null.
 *
 * @param redirectUris    the exact redirect URIs of the authorization code flow (RFC 6749 §3.1.2); empty when
 *                        the client registered none
 * @param statusReason    why the last suspension, reinstatement or deletion happened
 * @param statusChangedAt when the status last changed (the registration instant at first)
 * @param sequence        the aggregate sequence of the last event applied to this view
 */
public record ClientView(ClientId clientId,
                         ClientKind kind,
                         String name,
                         String owner,
                         Scopes allowedScopes,
                         List<String> resourceUris,
                         List<String> redirectUris,
                         RegistrationPath registrationPath,
                         Instant registeredAt,
                         ClientStatus status,
                         String statusReason,
                         Instant statusChangedAt,
                         long sequence) {

    static ClientView registered(ClientRegistered event, long sequence) {
        return new ClientView(event.clientId(), event.kind(), event.name(), event.owner(), event.allowedScopes(),
                event.resourceUris(), event.redirectUris(), event.registrationPath(), event.registeredAt(),
                ClientStatus.ACTIVE, null,
                event.registeredAt(), sequence);
    }

    /** RFC 7592 update: the description is replaced; kind, owner, path and status stay. */
    static ClientView updated(ClientView current, ClientMetadataUpdated event, long sequence) {
        ClientView base = current != null ? current
                : new ClientView(event.clientId(), null, null, null, null, List.of(), List.of(), null, null,
                ClientStatus.ACTIVE, null, null, -1);
        return new ClientView(base.clientId, base.kind, event.name(), base.owner, event.allowedScopes(),
                event.resourceUris(), event.redirectUris(), base.registrationPath, base.registeredAt, base.status,
                base.statusReason, base.statusChangedAt, sequence);
    }

    static ClientView suspended(ClientView current, ClientSuspended event, long sequence) {
        return transition(current, event.clientId(), ClientStatus.SUSPENDED, event.reason(), event.suspendedAt(),
                sequence);
    }

    static ClientView reinstated(ClientView current, ClientReinstated event, long sequence) {
        return transition(current, event.clientId(), ClientStatus.ACTIVE, event.reason(), event.reinstatedAt(),
                sequence);
    }

    static ClientView deleted(ClientView current, ClientDeleted event, long sequence) {
        return transition(current, event.clientId(), ClientStatus.DELETED, event.reason(), event.deletedAt(),
                sequence);
    }

    /** True when the client may hold or pass on a token now. */
    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    private static ClientView transition(ClientView current, ClientId clientId, ClientStatus next, String reason,
                                         Instant at, long sequence) {
        ClientView base = current != null ? current
                : new ClientView(clientId, null, null, null, null, List.of(), List.of(), null, null, ClientStatus.ACTIVE,
                null, null, -1);
        if (base.status == ClientStatus.DELETED || base.status == next) {
            // Deleted is final; a repeated suspension or reinstatement changes nothing (the command
            // side writes none, but a projection must not depend on that).
            return base.at(sequence);
        }
        return new ClientView(base.clientId, base.kind, base.name, base.owner, base.allowedScopes, base.resourceUris,
                base.redirectUris, base.registrationPath, base.registeredAt, next, reason, at, sequence);
    }

    private ClientView at(long newSequence) {
        return new ClientView(clientId, kind, name, owner, allowedScopes, resourceUris, redirectUris, registrationPath,
                registeredAt, status, statusReason, statusChangedAt, newSequence);
    }
}
