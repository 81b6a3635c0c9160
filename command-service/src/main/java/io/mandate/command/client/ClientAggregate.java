package io.mandate.command.client;

import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCommands.ReinstateClient;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.id.ClientId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An OAuth client (RFC 6749 §2) registered with Mandate: agent, MCP server, application or resource
 * server. Lifecycle: ACTIVE → SUSPENDED → (reinstate) ACTIVE; any non-deleted → DELETED, final.
 * Suspending a suspended client or reinstating an active one writes nothing and is not an error;
 * anything on a deleted client is a conflict.
 */
@Aggregate(type = "Client", commandTargetResolver = ClientCommandTargetResolver.BEAN_NAME)
class ClientAggregate {

    private enum Status { ACTIVE, SUSPENDED, DELETED }

    @AggregateIdentifier
    private ClientId clientId;

    /** The registration as first recorded; a repeated RegisterClient is compared with it. */
    private ClientRegistered registered;

    private Status status;

    ClientAggregate() {
        // Axon rebuilds the aggregate from its events.
    }

    /**
     * Registers the client; registering an existing id again with the same description is an
     * idempotent retry (no event), with another description a conflict.
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
        apply(new ClientRegistered(command.clientId(), command.kind(), command.name(), command.owner(),
                command.allowedScopes(), command.resourceUris(), command.registrationPath(), command.requestedBy(),
                clock.instant()));
        return RegisterClientOutcome.CREATED;
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
                && new HashSet<>(registered.resourceUris()).equals(new HashSet<>(command.resourceUris()));
    }
}
