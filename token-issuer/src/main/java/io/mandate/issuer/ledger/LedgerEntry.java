package io.mandate.issuer.ledger;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.consent.ConsentEvent;
import io.mandate.messages.key.SigningKeyEvent;
import io.mandate.messages.token.TokenEvent;

import java.util.Objects;

/**
 * One event to append, with what must hold when it is committed.
 *
 * @param event     a {@link TokenEvent} or {@link ConsentEvent} (each its own one-event stream) or a {@link SigningKeyEvent}
 *                  (appended to the key's stream at its next sequence)
 * @param check     the token's facts to re-check against the store under the fence, or null (refusals, keys)
 * @param assertion the client assertion (RFC 7523) to consume once, or null
 */
public record LedgerEntry(MandateEvent event, AuthorityCheck check, AssertionUse assertion) {

    public LedgerEntry {
        Objects.requireNonNull(event, "event");
        if (!(event instanceof TokenEvent) && !(event instanceof SigningKeyEvent) && !(event instanceof ConsentEvent)) {
            throw new IllegalArgumentException("the token ledger records token, consent and signing-key events, not "
                    + event.getClass().getSimpleName());
        }
    }

    /** An event recorded without check or assertion (a refusal, a key event). */
    public static LedgerEntry of(MandateEvent event) {
        return new LedgerEntry(event, null, null);
    }
}
