package io.mandate.command.client;

import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCommands.ReinstateClient;
import io.mandate.messages.client.ClientCommands.SetClientCredentials;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.client.ClientCommands.UpdateClientMetadata;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.Scopes;
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
import java.util.List;
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

    /** The registration as first recorded: kind, owner and path never change. */
    private ClientRegistered registered;

    /**
     * The description as it stands now (the registration's, replaced by each ClientMetadataUpdated): a
     * repeated RegisterClient and an UpdateClientMetadata are compared with it.
     */
    private Description description;

    /** The credentials in force now (registration or latest rotation); null before credentials existed. */
    private ClientCredentials currentCredentials;

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
     * RFC 7592 §2.2: the whole new description replaces the previous one (kind and owner stay); new
     * credentials are set only when their method or public keys differ from the current ones. Writes
     * nothing when nothing differs, so a changed metadata document fetched twice updates once.
     */
    @CommandHandler
    UpdateClientOutcome handle(UpdateClientMetadata command, Clock clock) {
        requireNotDeleted();
        ClientRules.requireValidUpdate(registered.kind(), command);
        Description next = new Description(command.name(), command.allowedScopes(), command.resourceUris(),
                command.redirectUris());
        boolean describedChanged = !next.sameAs(description);
        boolean credentialsChanged = command.credentials() != null && (currentCredentials == null
                || !ClientRequestKeys.sameMethodAndKeys(currentCredentials, command.credentials()));
        Instant now = clock.instant();
        if (describedChanged) {
            apply(new ClientMetadataUpdated(clientId, command.name(), command.allowedScopes(), command.resourceUris(),
                    command.redirectUris(), command.softwareStatement(), command.requestedBy(), now));
        }
        if (credentialsChanged) {
            apply(new ClientCredentialsSet(clientId, command.credentials(), command.requestedBy(), now));
        }
        return new UpdateClientOutcome(describedChanged, credentialsChanged);
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
        this.description = new Description(event.name(), event.allowedScopes(), event.resourceUris(),
                event.redirectUris());
        this.status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(ClientMetadataUpdated event) {
        this.description = new Description(event.name(), event.allowedScopes(), event.resourceUris(),
                event.redirectUris());
    }

    @EventSourcingHandler
    void on(ClientCredentialsSet event, @SequenceNumber long sequence,
            @MetaDataValue(ClientRequestKeys.METADATA_KEY) String idempotencyKey) {
        // The registration's own credentials directly follow ClientRegistered (sequence 0) and share its
        // instant; a later rotation of a client registered before credentials existed does not.
        if (sequence == 1 && event.setAt().equals(registered.registeredAt())) {
            this.registrationCredentials = event.credentials();
        }
        this.currentCredentials = event.credentials();
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

    /**
     * Who registered it and through which path do not change what the client is. Compared with the
     * description as it stands now: after an update, the original registration request is a conflict.
     */
    private boolean describesSameClient(RegisterClient command) {
        return registered.kind() == command.kind()
                && registered.owner().equals(command.owner())
                && new Description(command.name(), command.allowedScopes(), command.resourceUris(),
                        command.redirectUris()).sameAs(description)
                && (registrationCredentials == null
                    || ClientRequestKeys.sameMethodAndKeys(registrationCredentials, command.credentials()));
    }

    /** What an update may change; URI lists compare as sets (their order means nothing). */
    private record Description(String name, Scopes allowedScopes, List<String> resourceUris,
                               List<String> redirectUris) {

        boolean sameAs(Description other) {
            return other != null && name.equals(other.name) && allowedScopes.equals(other.allowedScopes)
                    && new HashSet<>(resourceUris).equals(new HashSet<>(other.resourceUris))
                    && new HashSet<>(redirectUris).equals(new HashSet<>(other.redirectUris));
        }
    }
}
