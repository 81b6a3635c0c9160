package io.mandate.command.revocation;

import io.mandate.messages.revocation.RevocationCommands.RevokeToken;
import io.mandate.messages.revocation.TokenRevoked;
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
 * The revocation of one token, by jti (RFC 7009 §2.1 in effect, decided by an administrator), and
 * with it every token derived from it. Final: a token is revoked once; revoking it again writes
 * nothing and answers with the first revocation.
 */
@Aggregate(type = "TokenRevocation", commandTargetResolver = RevocationTargetResolver.BEAN_NAME)
class TokenRevocation {

    @AggregateIdentifier
    private String id;

    private TokenRevoked revoked;

    private final RequestKeys keys = new RequestKeys();

    TokenRevocation() {
        // Axon rebuilds the aggregate from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RevocationOutcome handle(RevokeToken command, @MetaDataValue(RequestKeys.METADATA_KEY) String idempotencyKey,
                             Clock clock) {
        if (revoked != null) {
            // A retry with a reused key for another reason is still a conflict, even though nothing would be written.
            keys.replayOf(idempotencyKey, command.requestedBy(), command.reason());
            return RevocationOutcome.existing(revoked);
        }
        TokenRevoked event = new TokenRevoked(command.jti(), command.reason(), command.requestedBy(), clock.instant());
        apply(event, RequestKeys.asMetaData(idempotencyKey));
        return RevocationOutcome.wrote(event);
    }

    @EventSourcingHandler
    void on(TokenRevoked event, @MetaDataValue(RequestKeys.METADATA_KEY) String idempotencyKey) {
        this.id = event.aggregateId();
        this.revoked = event;
        keys.remember(idempotencyKey, event);
    }
}
