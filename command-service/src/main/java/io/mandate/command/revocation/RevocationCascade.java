package io.mandate.command.revocation;

import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.RevocationEvent;
import io.mandate.messages.revocation.UserRevoked;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Carries a client or user watermark down to each grant it covers, so every grant's own timeline
 * says it was revoked, by whom and why. The watermark itself is already authoritative (issuers
 * refuse at once); this only makes the grants agree. Grants created after the watermark are left
 * alone: a watermark covers what was issued at or before it.
 *
 * <p>Runs in the tracking processor {@value #PROCESSOR}; each RevokeGrant joins the processor's
 * transaction, so the GrantRevoked events and the processor's token commit together. Revoking a
 * grant that already ended writes nothing, so a redelivered or replayed watermark is harmless.
 */
@Component
@ProcessingGroup(RevocationCascade.PROCESSOR)
class RevocationCascade {

    static final String PROCESSOR = "revocation-cascade";
    static final String REASON_PREFIX = "cascade: ";
    /** A grant's reason is at most this long (the grant's rule), prefix included. */
    static final int MAX_REASON = 500;

    private static final Logger log = LoggerFactory.getLogger(RevocationCascade.class);

    private final CommandGateway commands;
    private final GrantLookup grants;

    RevocationCascade(CommandGateway commands, GrantLookup grants) {
        this.commands = commands;
        this.grants = grants;
    }

    @EventHandler
    void on(ClientRevoked watermark) {
        revokeCovered(grants.activeGrantsOfAgent(watermark.clientId()), watermark);
    }

    @EventHandler
    void on(UserRevoked watermark) {
        revokeCovered(grants.activeGrantsOfUser(watermark.userId()), watermark);
    }

    private void revokeCovered(List<GrantLookup.ActiveGrant> active, RevocationEvent watermark) {
        List<GrantLookup.ActiveGrant> covered = active.stream()
                .filter(grant -> !grant.createdAt().isAfter(watermark.revokedAt()))
                .toList();
        String reason = cascadeReason(watermark.reason());
        covered.forEach(grant -> commands.sendAndWait(new RevokeGrant(grant.grantId(), reason, watermark.revokedBy())));
        if (!covered.isEmpty()) {
            log.info("{} cascaded to {} grant(s)", watermark.aggregateId(), covered.size());
        }
    }

    /** The original reason, cut so the prefixed reason still fits a grant's limit (a refusal would stall the processor). */
    static String cascadeReason(String original) {
        String reason = REASON_PREFIX + original;
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }
}
