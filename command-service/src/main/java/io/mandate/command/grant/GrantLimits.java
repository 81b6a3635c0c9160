package io.mandate.command.grant;

import io.mandate.messages.grant.DelegationPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Deployment-wide limits on grants ({@code mandate.grants.*}); a deployment may allow shorter
 * delegation chains than the protocol ceiling of {@link DelegationPolicy#MAX_DEPTH_LIMIT}.
 *
 * @param maxDelegationDepth  the largest {@code policy.maxDepth} a grant may ask for
 * @param expirySweepInterval how often the expiry sweep looks for grants past their {@code expiresAt}
 */
@ConfigurationProperties("mandate.grants")
record GrantLimits(@DefaultValue("8") int maxDelegationDepth, @DefaultValue("30s") Duration expirySweepInterval) {

    GrantLimits {
        if (maxDelegationDepth < 1 || maxDelegationDepth > DelegationPolicy.MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException(
                    "mandate.grants.max-delegation-depth must be between 1 and " + DelegationPolicy.MAX_DEPTH_LIMIT);
        }
        if (expirySweepInterval == null || expirySweepInterval.isNegative() || expirySweepInterval.isZero()) {
            throw new IllegalArgumentException("mandate.grants.expiry-sweep-interval must be positive");
        }
    }
}
