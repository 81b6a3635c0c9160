package io.mandate.command.grant;

import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.GrantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's grant to an agent: the scope ceiling and delegation policy every token derived from
 * it is bounded by (RFC 8693 §1.1, §4.1). Decides the grant's rules; its state is only what the
 * next decision needs.
 */
@Aggregate(type = "Grant", commandTargetResolver = GrantCommandTargetResolver.BEAN_NAME)
class GrantAggregate {

    @AggregateIdentifier
    private GrantId grantId;

    /** The grant as created; a retried CreateGrant is compared with it. */
    private GrantCreated created;

    GrantAggregate() {
        // Axon rebuilds the aggregate from its events.
    }

    /**
     * Creates the grant, or, when a grant with this id exists already (an idempotent retry, whose id
     * is derived from the caller's Idempotency-Key), accepts the retry if it asks for the same grant.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CreateGrantOutcome handle(CreateGrant command, Clock clock, GrantLimits limits) {
        if (created != null) {
            if (!asksForSameGrant(command)) {
                throw new IdempotencyConflictException(command.grantId());
            }
            return CreateGrantOutcome.ALREADY_EXISTED;
        }
        Instant now = clock.instant();
        requireRules(command, now, limits);
        apply(new GrantCreated(command.grantId(), command.userId(), command.agentId(), command.audience(),
                command.scopes(), command.policy(), command.expiresAt(), command.requestedBy(), now));
        return CreateGrantOutcome.CREATED;
    }

    @EventSourcingHandler
    void on(GrantCreated event) {
        this.grantId = event.grantId();
        this.created = event;
    }

    private static void requireRules(CreateGrant command, Instant now, GrantLimits limits) {
        if (command.scopes().isEmpty()) {
            throw new GrantRejectedException("scopes", "a grant needs at least one scope");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw new GrantRejectedException("expiresAt", "must be in the future");
        }
        if (!Audience.isValid(command.audience())) {
            throw new GrantRejectedException("audience",
                    "must be an absolute URI without fragment (RFC 8707 §2) or a client identifier");
        }
        int maxDepth = command.policy().maxDepth();
        if (maxDepth > limits.maxDelegationDepth()) {
            throw new GrantRejectedException("policy.maxDepth",
                    "must be at most " + limits.maxDelegationDepth() + " in this deployment");
        }
        boolean namesNextActors = !command.policy().allowedNextClients().isEmpty()
                || !command.policy().allowedNextKinds().isEmpty();
        if (namesNextActors && maxDepth < 2) {
            // A depth of 1 forbids any hand-off, so naming who may act next is a contradiction.
            throw new GrantRejectedException("policy.maxDepth", "must be at least 2 when next actors are allowed");
        }
        if (!command.policy().approvalScopes().isWithin(command.scopes())) {
            throw new GrantRejectedException("policy.approvalScopes", "must be within the grant's scopes");
        }
    }

    private boolean asksForSameGrant(CreateGrant command) {
        return created.userId().equals(command.userId())
                && created.agentId().equals(command.agentId())
                && created.audience().equals(command.audience())
                && created.scopes().equals(command.scopes())
                && created.policy().equals(command.policy())
                && Objects.equals(created.expiresAt(), command.expiresAt())
                && created.createdBy().equals(command.requestedBy());
    }
}
