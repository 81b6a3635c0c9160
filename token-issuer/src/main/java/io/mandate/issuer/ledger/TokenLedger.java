package io.mandate.issuer.ledger;

import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.TokenRevoked;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The token-issuer's side of the shared event store: every issued token, refusal and signing-key
 * event is durably appended to the command-service's {@code domain_event_entry} table before the
 * response that depends on it leaves (docs/architecture.md, "Recording exchanges"). Appends are
 * group-committed in batches; each batch re-checks revocations against the store under the shared
 * revocation fence ({@link io.mandate.messages.wire.SharedEventStore}), so issuance is
 * linearisable with revocation.
 */
public interface TokenLedger {

    /**
     * Completes once the entry's event is durably committed ({@link LedgerOutcome.Recorded}), or was
     * refused by the authoritative check ({@link LedgerOutcome.Refused}), or its client assertion was
     * already used ({@link LedgerOutcome.AssertionReplayed}). Completes exceptionally with
     * {@link LedgerUnavailableException} when the store fails or the ledger is saturated.
     */
    CompletableFuture<LedgerOutcome> append(LedgerEntry entry);

    /**
     * Authoritative revocation check for one token, outside any batch (introspection, RFC 7662).
     *
     * @throws LedgerUnavailableException when the store cannot be read
     */
    Optional<LedgerOutcome.Refused> check(AuthorityCheck check);

    /**
     * RFC 7009 / holder revocation: appends {@code TokenRevoked} for this jti under the exclusive
     * revocation fence, its {@code revokedAt} taken after the lock; a jti already revoked is a no-op
     * that returns the existing event.
     *
     * @throws LedgerUnavailableException when the store fails
     */
    TokenRevoked revokeToken(Jti jti, String reason, String revokedBy);
}
