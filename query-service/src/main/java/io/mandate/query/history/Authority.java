package io.mandate.query.history;

import java.time.Instant;
import java.util.List;

/**
 * One grant through which an agent could act for a user at the instant asked about.
 *
 * @param since     when the grant was created
 * @param expiresAt when it was due to expire, or {@code null} when never
 * @param policy    who may act after the agent, and how deep the chain may grow
 */
public record Authority(String grantId,
                        String userId,
                        String agentId,
                        String audience,
                        List<String> scopes,
                        Policy policy,
                        Instant since,
                        Instant expiresAt) {

    /**
     * The grant's delegation policy.
     *
     * @param allowedNextClients clients that may receive the work after the agent
     * @param allowedNextKinds   client kinds that may receive it
     * @param maxDepth           the longest actor chain, the agent included (1 = the agent alone)
     * @param approvalScopes     scopes that need a human approval before use
     */
    public record Policy(List<String> allowedNextClients, List<String> allowedNextKinds, int maxDepth,
                         List<String> approvalScopes) {
    }
}
