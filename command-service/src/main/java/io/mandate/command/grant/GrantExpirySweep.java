package io.mandate.command.grant;

import io.mandate.command.registry.GrantRegistry;
import io.mandate.messages.grant.GrantCommands.ExpireGrant;
import io.mandate.messages.id.GrantId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every {@code mandate.grants.expiry-sweep-interval}, sends {@link ExpireGrant} for the active grants
 * the registry lists as past their expiry, so each grant's timeline records its end. Several
 * instances may sweep at once: the aggregate writes the event once and ignores the rest.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GrantExpirySweep implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(GrantExpirySweep.class);

    /** Grants per round; a backlog drains over the next rounds instead of one long one. */
    static final int BATCH = 500;

    private final GrantRegistry grants;
    private final CommandGateway commands;
    private final Clock clock;
    private final GrantLimits limits;

    GrantExpirySweep(GrantRegistry grants, CommandGateway commands, Clock clock, GrantLimits limits) {
        this.grants = grants;
        this.commands = commands;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, limits.expirySweepInterval());
    }

    /** @return how many grants this round expired */
    int sweep() {
        Instant now = clock.instant();
        List<GrantId> due = grants.dueForExpiry(now, BATCH);
        int expired = 0;
        for (GrantId grantId : due) {
            try {
                if (Boolean.TRUE.equals(commands.sendAndWait(new ExpireGrant(grantId, now)))) {
                    expired++;
                }
            } catch (RuntimeException e) {
                // One grant failing (e.g. a concurrent revoke won the sequence number) must not stop the rest.
                log.warn("Could not expire grant {}: {}", grantId.value(), e.getMessage());
            }
        }
        if (expired > 0) {
            log.info("Expiry sweep: {} grants expired", expired);
        }
        return expired;
    }
}
