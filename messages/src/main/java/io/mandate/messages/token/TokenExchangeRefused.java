package io.mandate.messages.token;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * The token endpoint refused a request. What was asked is kept (truncated, as sent) so an
 * investigator sees escalation attempts; credentials and tokens never are.
 *
 * @param refusalId        unique id of this refusal
 * @param grantType        the {@code grant_type} asked for (truncated), or null
 * @param clientId         the authenticated client, or the client id it claimed; null when none
 * @param authenticated    whether {@code clientId} was authenticated
 * @param error            the RFC 6749 / 8693 / 8707 error code answered
 * @param reason           Mandate's machine-readable reason (docs/tokens.md lists them)
 * @param subjectTokenId   the subject token's jti when it could be read, else null
 * @param grantId          the grant involved, when known
 * @param userId           the user involved, when known
 * @param requestedScope   the {@code scope} parameter as sent (truncated), or null
 * @param requestedAudience the {@code audience} / {@code resource} as sent (truncated), or null
 */
public record TokenExchangeRefused(String refusalId,
                                   String grantType,
                                   ClientId clientId,
                                   boolean authenticated,
                                   String error,
                                   String reason,
                                   String subjectTokenId,
                                   GrantId grantId,
                                   UserId userId,
                                   String requestedScope,
                                   String requestedAudience,
                                   Instant refusedAt) implements TokenEvent {

    public static final int REVISION = 1;

    public TokenExchangeRefused {
        Objects.requireNonNull(refusalId, "refusalId");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(refusedAt, "refusedAt");
    }

    @Override
    public String aggregateId() {
        return "refusal:" + refusalId;
    }

    /** Refusals of one client stay ordered, so a burst of attempts reads as one story. */
    @Override
    public String partitionKey() {
        return clientId == null ? aggregateId() : clientId.value();
    }
}
