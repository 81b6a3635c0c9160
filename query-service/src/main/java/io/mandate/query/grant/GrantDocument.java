package io.mandate.query.grant;

import java.time.Instant;
import java.util.List;

/**
 * The current state of one grant in the {@code mandate-grants} index (document id = grantId),
 * also the API's representation. {@code lastSequence} is the aggregate sequence of the last
 * event applied; the document's external version is {@code lastSequence + 1}.
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
                            long lastSequence) {

    /** The grant's delegation policy, flattened to keywords so it can be searched. */
    public record Policy(List<String> allowedNextClients,
                         List<String> allowedNextKinds,
                         int maxDepth,
                         List<String> approvalScopes) {
    }
}
