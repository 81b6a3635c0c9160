package io.mandate.messages.consent;

import io.mandate.messages.MandateEvent;

/**
 * What a user decided on the authorization server's consent page that is not a grant: an
 * approval is the {@code GrantCreated} (origin CONSENT) it creates; a denial is its own event.
 * Written by the token-issuer's ledger, each event its own one-event stream.
 */
public sealed interface ConsentEvent extends MandateEvent permits ConsentDenied {
}
