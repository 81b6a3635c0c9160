package io.mandate.command.revocation;

import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.RevocationCommands.RevokeClient;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The revocation watermarks of one agent or client: each {@link ClientRevoked} revokes every grant
 * it holds and every token it appears in, issued at or before the watermark. A client may be
 * revoked again later (after new grants), so the stream holds a series of rising watermarks.
 */
@Aggregate(type = "ClientRevocation", commandTargetResolver = RevocationTargetResolver.BEAN_NAME)
class ClientRevocation {

    @AggregateIdentifier
    private String id;

    private ClientRevoked latest;

    private final RequestKeys keys = new RequestKeys();

    ClientRevocation() {
        // Axon rebuilds the aggregate from its events.
    }

    /**
     * Writes a watermark unless the latest one already covers everything: a repeat writes a new
     * one only if the registry knows a grant to this agent created after the latest watermark.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RevocationOutcome handle(RevokeClient command, @MetaDataValue(RequestKeys.METADATA_KEY) String idempotencyKey,
                             Clock clock, GrantLookup grants) {
        var replay = keys.replayOf(idempotencyKey, command.requestedBy(), command.reason());
        if (replay.isPresent()) {
            return RevocationOutcome.existing(replay.get());
        }
        if (latest != null && !Watermarks.grantedSince(grants.latestGrantCreatedAt(command.clientId()), latest)) {
            return RevocationOutcome.existing(latest);
        }
        Instant now = clock.instant();
        ClientRevoked event = new ClientRevoked(command.clientId(), command.reason(), command.requestedBy(), now);
        apply(event, RequestKeys.asMetaData(idempotencyKey));
        return RevocationOutcome.wrote(event);
    }

    @EventSourcingHandler
    void on(ClientRevoked event, @MetaDataValue(RequestKeys.METADATA_KEY) String idempotencyKey) {
        this.id = event.aggregateId();
        this.latest = event;
        keys.remember(idempotencyKey, event);
    }
}
