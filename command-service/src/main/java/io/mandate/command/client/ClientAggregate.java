package io.mandate.command.client;

import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCommands.ReinstateClient;
import io.mandate.messages.client.ClientCommands.SetClientCredentials;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.id.ClientId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An OAuth client (RFC 6749 §2) registered with Mandate: agent, MCP server, application or resource
 * server. Lifecycle: ACTIVE → SUSPENDED → (reinstate) ACTIVE; any non-deleted → DELETED, final.
 * Suspending a suspended client or reinstating an active one writes nothing and is not an error;
 * anything on a deleted client is a conflict. Token-endpoint credentials are set with the registration
 * (a {@link ClientCredentialsSet} right after {@link ClientRegistered}, in the same command) and
 * replaced by rotation.
 */
@Aggregate(type = "Client", commandTargetResolver = ClientCommandTargetResolver.BEAN_NAME)
class ClientAggregate {

    private enum Status { ACTIVE, SUSPENDED, DELETED }

    @AggregateIdentifier
    private ClientId clientId;

    /** The registration as first recorded; a repeated RegisterClient is compared with it. */
    private ClientRegistered registered;

    private Status status;

    /**
     * The credentials the registration recorded, which a repeated RegisterClient is compared with (not
     * the current ones: a rotation does not make the original registration request a conflict). Null
     * for a client registered before credentials existed.
     */
    private ClientCredentials registrationCredentials;

    /** Rotations by (principal, Idempotency-Key), rebuilt from the events' metadata. */
    private final Map<String, ClientCredentials> rotationsByKey = new HashMap<>();

    ClientAggregate() {
        // Axon rebuilds the aggregate from its events.
    }

    /**
     * Registers the client and sets its credentials; registering an existing id again with the same
     * description is an idempotent retry (no event), with another description a conflict. The
     * description includes the authentication method and public keys, not the secret hash: a retry
     * brings a freshly generated secret, which is dropped (the first one stays; rotate to get a new one).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RegisterClientOutcome handle(RegisterClient command, Clock clock) {
        if (registered != null) {
            requireNotDeleted();
            if (!describesSameClient(command)) {
                throw new ClientConflictException(command.clientId(),
                        "is already registered with a different description");
            }
            return RegisterClientOutcome.ALREADY_EXISTED;
        }
        ClientRules.requireValid(command);
        Instant now = clock.instant();
        apply(new ClientRegistered(command.clientId(), command.kind(), command.name(), command.owner(),
                command.allowedScopes(), command.resourceUris(), command.registrationPath(), command.requestedBy(),
                now, command.redirectUris(), command.softwareStatement()));
        apply(new ClientCredentialsSet(command.clientId(), command.credentials(), command.requestedBy(), now));
        return RegisterClientOutcome.CREATED;
    }

    /**
     * Rotation: replaces the credentials at once, also for a suspended client (rotating after a leak is
     * what one does while suspended). With an Idempotency-Key, a retry by the same principal writes
     * nothing if it asks for the same method and keys, and is a conflict otherwise.
     */
    @CommandHandler
    SetCredentialsOutcome handle(SetClientCredentials command,
                                 @MetaDataValue(ClientRequestKeys.METADATA_KEY) String idempotencyKey, Clock clock) {
        requireNotDeleted();
        if (idempotencyKey != null) {
            ClientCredentials earlier = rotationsByKey.get(ClientRequestKeys.scoped(command.requestedBy(), idempotencyKey));
            if (earlier != null) {
                if (!ClientRequestKeys.sameMethodAndKeys(earlier, command.credentials())) {
                    throw new ClientIdempotencyConflictException();
                }
                return SetCredentialsOutcome.ALREADY_SET;
            }
        }
        apply(new ClientCredentialsSet(clientId, command.credentials(), command.requestedBy(), clock.instant()),
                idempotencyKey == null ? MetaData.emptyInstance()
                        : MetaData.with(ClientRequestKeys.METADATA_KEY, idempotencyKey));
        return SetCredentialsOutcome.WRITTEN;
    }

    /** @return whether this command changed the client (false: it was suspended already) */
    @CommandHandler
    boolean handle(SuspendClient command, Clock clock) {
        requireNotDeleted();
        ClientRules.requireReason(command.reason());
        if (status == Status.SUSPENDED) {
            return false;
        }
        apply(new ClientSuspended(clientId, command.reason(), command.requestedBy(), clock.instant()));
        return true;
    }

    /** @return whether this command changed the client (false: it was active already) */
    @CommandHandler
    boolean handle(ReinstateClient command, Clock clock) {
        requireNotDeleted();
        ClientRules.requireReason(command.reason());
        if (status == Status.ACTIVE) {
            return false;
        }
        apply(new ClientReinstated(clientId, command.reason(), command.requestedBy(), clock.instant()));
        return true;
    }

    @CommandHandler
    boolean handle(DeleteClient command, Clock clock) {
        requireNotDeleted();
        ClientRules.requireReason(command.reason());
        apply(new ClientDeleted(clientId, command.reason(), command.requestedBy(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        this.clientId = event.clientId();
        this.registered = event;
        this.status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(ClientCredentialsSet event, @SequenceNumber long sequence,
            @MetaDataValue(ClientRequestKeys.METADATA_KEY) String idempotencyKey) {
        // The registration's own credentials directly follow ClientRegistered (sequence 0) and share its
        // instant; a later rotation of a client registered before credentials existed does not.
        if (sequence == 1 && event.setAt().equals(registered.registeredAt())) {
            this.registrationCredentials = event.credentials();
        }
        if (idempotencyKey != null) {
            rotationsByKey.put(ClientRequestKeys.scoped(event.setBy(), idempotencyKey), event.credentials());
        }
    }

    @EventSourcingHandler
    void on(ClientSuspended event) {
        this.status = Status.SUSPENDED;
    }

    @EventSourcingHandler
    void on(ClientReinstated event) {
        this.status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(ClientDeleted event) {
        this.status = Status.DELETED;
    }

    private void requireNotDeleted() {
        if (status == Status.DELETED) {
            throw new ClientConflictException(clientId, "was deleted; a deleted client cannot change or be re-registered");
        }
    }

    /** Who registered it and through which path do not change what the client is. */
    private boolean describesSameClient(RegisterClient command) {
        return registered.kind() == command.kind()
                && registered.name().equals(command.name())
                && registered.owner().equals(command.owner())
                && registered.allowedScopes().equals(command.allowedScopes())
                && new HashSet<>(registered.resourceUris()).equals(new HashSet<>(command.resourceUris()))
                && new HashSet<>(registered.redirectUris()).equals(new HashSet<>(command.redirectUris()))
                && (registrationCredentials == null
                    || ClientRequestKeys.sameMethodAndKeys(registrationCredentials, command.credentials()));
    }
}
