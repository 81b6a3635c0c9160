package io.mandate.query.grant;

import java.time.Instant;
import java.util.List;

/**
 * The current state of one grant in the {@code mandate-grants} index (document id = grantId),
 * also the API's representation. {@code lastSequence} is the highest aggregate sequence applied;
 * the document's external version is {@code lastSequence + 1}. The creation fields are absent
 * only while a later event has arrived before the grant's creation (see {@link GrantProjection}).
 */
public record GrantDocument(String grantId,
                            String userId,
                            String agentId,
                            String audience,
                            List<String> scopes,
                            Policy policy,
                            Instant expiresAt,
                            Instant createdAt,
                            String createdBy,
                            GrantStatus status,
                            Instant revokedAt,
                            String revokedBy,
                            String revocationReason,
                            Instant expiredAt,
                            long lastSequence) {

    /** The grant's delegation policy, flattened to keywords so it can be searched. */
    public record Policy(List<String> allowedNextClients,
                         List<String> allowedNextKinds,
                         int maxDepth,
                         List<String> approvalScopes) {
    }
}
