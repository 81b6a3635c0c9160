package io.mandate.messages.grant;

import io.mandate.messages.id.ClientId;

import java.util.Set;

/**
 * What a grant lets happen after its agent: which clients (by id or by kind) may act next,
 * how long the actor chain may grow, and which scopes need a human approval first.
 *
 * @param allowedNextClients clients that may receive the work next (empty = none by id)
 * @param allowedNextKinds   client kinds that may receive the work next (empty = none by kind)
 * @param maxDepth           maximum number of actors in the chain, the agent included (1 = no hand-off)
 * @param approvalScopes     scopes that need a human approval (CIBA) before use
 */
public record DelegationPolicy(Set<ClientId> allowedNextClients,
                               Set<ClientKind> allowedNextKinds,
                               int maxDepth,
                               Scopes approvalScopes) {

    public static final int MAX_DEPTH_LIMIT = 8;

    public DelegationPolicy {
        allowedNextClients = allowedNextClients == null ? Set.of() : Set.copyOf(allowedNextClients);
        allowedNextKinds = allowedNextKinds == null ? Set.of() : Set.copyOf(allowedNextKinds);
        approvalScopes = approvalScopes == null ? Scopes.of() : approvalScopes;
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + MAX_DEPTH_LIMIT);
        }
    }

    /** The agent alone may use the grant: no further hop. */
    public static DelegationPolicy agentOnly() {
        return new DelegationPolicy(Set.of(), Set.of(), 1, Scopes.of());
    }
}
