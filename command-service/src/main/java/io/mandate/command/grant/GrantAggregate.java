package io.mandate.command.grant;

import io.mandate.command.registry.ClientRegistry;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.GrantCommands.ExpireGrant;
import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.grant.GrantCommands.WithdrawGrant;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
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
 * next decision needs. Revocation and expiry are final: a grant that ended never ends again.
 */
@Aggregate(type = "Grant", commandTargetResolver = GrantCommandTargetResolver.BEAN_NAME)
class GrantAggregate {

    static final int MAX_REASON = 500;

    @AggregateIdentifier
    private GrantId grantId;

    /** The grant as created; a retried CreateGrant is compared with it. */
    private GrantCreated created;

    /** How it ended; null while active. */
    private GrantEnding ended;

    GrantAggregate() {
        // Axon rebuilds the aggregate from its events.
    }

    /**
     * Creates the grant, or, when a grant with this id exists already (an idempotent retry, whose id
     * is derived from the caller's Idempotency-Key), accepts the retry if it asks for the same grant.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CreateGrantOutcome handle(CreateGrant command, Clock clock, GrantLimits limits, ClientRegistry clients) {
        if (created != null) {
            if (!asksForSameGrant(command)) {
                throw new IdempotencyConflictException(command.grantId());
            }
            return CreateGrantOutcome.ALREADY_EXISTED;
        }
        Instant now = clock.instant();
        requireRules(command, now, limits);
        GrantParties.require(command, clients);
        apply(new GrantCreated(command.grantId(), command.userId(), command.agentId(), command.audience(),
                command.scopes(), command.policy(), command.expiresAt(), command.requestedBy(), now, command.origin(),
                command.authenticatedBy()));
        return CreateGrantOutcome.CREATED;
    }

    /**
     * Revokes the grant, and with it every token issued under it. Idempotent: an ended grant writes
     * nothing and the answer is the ending already recorded.
     */
    @CommandHandler
    GrantEnding handle(RevokeGrant command, Clock clock) {
        if (ended != null) {
            return ended.asFoundAgain();
        }
        if (command.reason() == null || command.reason().isBlank() || command.reason().length() > MAX_REASON) {
            throw new InvalidFieldException("reason", "must be 1 to " + MAX_REASON + " characters");
        }
        if (command.requestedBy() == null || command.requestedBy().isBlank()) {
            throw new InvalidFieldException("requestedBy", "must name who revokes");
        }
        apply(new GrantRevoked(grantId, created.userId(), created.agentId(), command.reason(),
                command.requestedBy(), clock.instant()));
        return ended;
    }

    /**
     * The user withdraws their own grant: a revocation with the user as its actor. A grant that is not
     * this user's is answered as unknown (the caller learns nothing about other users' grants).
     * Idempotent like {@link #handle(RevokeGrant, Clock)}.
     */
    @CommandHandler
    GrantEnding handle(WithdrawGrant command, Clock clock) {
        if (!created.userId().equals(command.userId())) {
            throw new UnknownGrantException(grantId);
        }
        if (ended != null) {
            return ended.asFoundAgain();
        }
        String reason = command.reason() == null || command.reason().isBlank() ? "withdrawn by the user"
                : command.reason();
        if (reason.length() > MAX_REASON) {
            throw new InvalidFieldException("reason", "must be 1 to " + MAX_REASON + " characters");
        }
        apply(new GrantRevoked(grantId, created.userId(), created.agentId(), reason,
                "user:" + command.userId().value(), clock.instant()));
        return ended;
    }

    /**
     * Records that an active grant passed its expiry; the sweep sends it. Issuers refuse the grant by
     * the clock from {@code expiresAt} on, so the event carries that instant, not the sweep's.
     *
     * @return whether an event was written
     */
    @CommandHandler
    boolean handle(ExpireGrant command) {
        if (ended != null || created.expiresAt() == null || created.expiresAt().isAfter(command.now())) {
            return false;
        }
        apply(new GrantExpired(grantId, created.userId(), created.agentId(), created.expiresAt()));
        return true;
    }

    @EventSourcingHandler
    void on(GrantCreated event) {
        this.grantId = event.grantId();
        this.created = event;
    }

    @EventSourcingHandler
    void on(GrantRevoked event) {
        this.ended = new GrantEnding("REVOKED", event.revokedAt(), event.revokedBy(), event.reason(), true);
    }

    @EventSourcingHandler
    void on(GrantExpired event) {
        this.ended = new GrantEnding("EXPIRED", event.expiredAt(), null, null, true);
    }

    private static void requireRules(CreateGrant command, Instant now, GrantLimits limits) {
        if (command.scopes().isEmpty()) {
            throw new InvalidFieldException("scopes", "a grant needs at least one scope");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw new InvalidFieldException("expiresAt", "must be in the future");
        }
        if (!Audience.isValid(command.audience())) {
            throw new InvalidFieldException("audience",
                    "must be an absolute URI without fragment (RFC 8707 §2) or a client identifier");
        }
        int maxDepth = command.policy().maxDepth();
        if (maxDepth > limits.maxDelegationDepth()) {
            throw new InvalidFieldException("policy.maxDepth",
                    "must be at most " + limits.maxDelegationDepth() + " in this deployment");
        }
        boolean namesNextActors = !command.policy().allowedNextClients().isEmpty()
                || !command.policy().allowedNextKinds().isEmpty();
        if (namesNextActors && maxDepth < 2) {
            // A depth of 1 forbids any hand-off, so naming who may act next is a contradiction.
            throw new InvalidFieldException("policy.maxDepth", "must be at least 2 when next actors are allowed");
        }
        if (!command.policy().approvalScopes().isWithin(command.scopes())) {
            throw new InvalidFieldException("policy.approvalScopes", "must be within the grant's scopes");
        }
    }

    private boolean asksForSameGrant(CreateGrant command) {
        return created.userId().equals(command.userId())
                && created.agentId().equals(command.agentId())
                && created.audience().equals(command.audience())
                && created.scopes().equals(command.scopes())
                && created.policy().equals(command.policy())
                && Objects.equals(created.expiresAt(), command.expiresAt())
                && created.createdBy().equals(command.requestedBy())
                && created.origin() == command.origin()
                && Objects.equals(created.authenticatedBy(), command.authenticatedBy());
    }
}
