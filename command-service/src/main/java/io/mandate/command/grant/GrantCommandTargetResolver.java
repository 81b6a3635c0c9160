package io.mandate.command.grant;

import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.GrantCommands.ExpireGrant;
import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.grant.GrantCommands.WithdrawGrant;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Tells Axon which grant a command targets. The command records live in the published-language
 * module, which stays free of Axon annotations, so the mapping is written here, once per command.
 */
@Component(GrantCommandTargetResolver.BEAN_NAME)
class GrantCommandTargetResolver implements CommandTargetResolver {

    static final String BEAN_NAME = "grantCommandTargetResolver";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        if (payload instanceof CreateGrant create) {
            return new VersionedAggregateIdentifier(create.grantId().value(), null);
        }
        if (payload instanceof RevokeGrant revoke) {
            return new VersionedAggregateIdentifier(revoke.grantId().value(), null);
        }
        if (payload instanceof WithdrawGrant withdraw) {
            return new VersionedAggregateIdentifier(withdraw.grantId().value(), null);
        }
        if (payload instanceof ExpireGrant expire) {
            return new VersionedAggregateIdentifier(expire.grantId().value(), null);
        }
        throw new IllegalArgumentException("not a grant command: " + command.getPayloadType().getName());
    }
}
