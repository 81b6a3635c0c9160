package io.mandate.command.revocation;

import io.mandate.messages.revocation.RevocationCommands.RevokeClient;
import io.mandate.messages.revocation.RevocationCommands.RevokeToken;
import io.mandate.messages.revocation.RevocationCommands.RevokeUser;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Tells Axon which revocation aggregate a command targets. The identifiers are the events'
 * {@code aggregateId()} forms ({@code token:<jti>}, {@code client:<id>}, {@code user:<id>}): the
 * one event store holds every aggregate, so a client's revocation must never share a stream
 * with the client itself.
 */
@Component(RevocationTargetResolver.BEAN_NAME)
class RevocationTargetResolver implements CommandTargetResolver {

    static final String BEAN_NAME = "revocationTargetResolver";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        return new VersionedAggregateIdentifier(aggregateIdOf(command.getPayload()), null);
    }

    static String aggregateIdOf(Object command) {
        if (command instanceof RevokeToken token) {
            return "token:" + token.jti().value();
        }
        if (command instanceof RevokeClient client) {
            return "client:" + client.clientId().value();
        }
        if (command instanceof RevokeUser user) {
            return "user:" + user.userId().value();
        }
        throw new IllegalArgumentException("not a revocation command: " + command.getClass().getName());
    }
}
