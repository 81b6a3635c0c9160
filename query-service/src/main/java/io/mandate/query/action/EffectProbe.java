package io.mandate.query.action;

import io.mandate.query.investigation.Target;
import io.mandate.query.token.TokenDocument;

/** Asks one reader whether a recorded revocation is in force there. */
interface EffectProbe {

    String where();

    /**
     * @param token the revoked token's document, for a TOKEN target (its facts are what the issuer is asked about)
     */
    Confirmation check(Target target, Recorded recorded, TokenDocument token);
}
