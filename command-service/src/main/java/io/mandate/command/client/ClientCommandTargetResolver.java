package io.mandate.command.client;

import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCommands.ReinstateClient;
import io.mandate.messages.client.ClientCommands.SetClientCredentials;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.client.ClientCommands.UpdateClientMetadata;
import io.mandate.messages.id.ClientId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Tells Axon which client a command targets; the command records live in the published language,
 * free of Axon annotations. The aggregate id is the client id itself.
 */
@Component(ClientCommandTargetResolver.BEAN_NAME)
class ClientCommandTargetResolver implements CommandTargetResolver {

    static final String BEAN_NAME = "clientCommandTargetResolver";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        ClientId target;
        Object payload = command.getPayload();
        if (payload instanceof RegisterClient register) {
            target = register.clientId();
        } else if (payload instanceof SuspendClient suspend) {
            target = suspend.clientId();
        } else if (payload instanceof ReinstateClient reinstate) {
            target = reinstate.clientId();
        } else if (payload instanceof DeleteClient delete) {
            target = delete.clientId();
        } else if (payload instanceof SetClientCredentials credentials) {
            target = credentials.clientId();
        } else if (payload instanceof UpdateClientMetadata update) {
            target = update.clientId();
        } else {
            throw new IllegalArgumentException("not a client command: " + command.getPayloadType().getName());
        }
        return new VersionedAggregateIdentifier(target.value(), null);
    }
}
