package io.mandate.command.revocation;

import io.mandate.messages.revocation.RevocationCommands.RevokeUser;
import io.mandate.messages.revocation.UserRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The revocation watermarks of one user: each {@link UserRevoked} revokes every grant the user gave
 * and every token with the user as subject (RFC 8693 §1.1), issued at or before the watermark.
 */
@Aggregate(type = "UserRevocation", commandTargetResolver = RevocationTargetResolver.BEAN_NAME)
class UserRevocation {

    @AggregateIdentifier
    private String id;

    private UserRevoked latest;

    private final RequestKeys keys = new RequestKeys();

    UserRevocation() {
        // Axon rebuilds the aggregate from its events.
    }

    /** Same rule as {@link ClientRevocation}: a repeat writes only if the user granted something since. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RevocationOutcome handle(RevokeUser command, @MetaDataValue(RequestKeys.METADATA_KEY) String idempotencyKey,
                             Clock clock, GrantLookup grants) {
        var replay = keys.replayOf(idempotencyKey, command.requestedBy(), command.reason());
        if (replay.isPresent()) {
            return RevocationOutcome.existing(replay.get());
        }
        if (latest != null && !Watermarks.grantedSince(grants.latestGrantCreatedAtForUser(command.userId()), latest)) {
            return RevocationOutcome.existing(latest);
        }
        UserRevoked event = new UserRevoked(command.userId(), command.reason(), command.requestedBy(), clock.instant());
        apply(event, RequestKeys.asMetaData(idempotencyKey));
        return RevocationOutcome.wrote(event);
    }

    @EventSourcingHandler
    void on(UserRevoked event, @MetaDataValue(RequestKeys.METADATA_KEY) String idempotencyKey) {
        this.id = event.aggregateId();
        this.latest = event;
        keys.remember(idempotencyKey, event);
    }
}
