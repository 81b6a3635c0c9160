package io.mandate.command.revocation;

import io.mandate.messages.revocation.RevocationEvent;

/**
 * What a revoke command did: the revocation now in force and whether this command wrote it, so
 * the API answers 201 for a new event and 200 with the existing revocation otherwise.
 */
record RevocationOutcome(RevocationEvent revocation, boolean written) {

    static RevocationOutcome wrote(RevocationEvent revocation) {
        return new RevocationOutcome(revocation, true);
    }

    static RevocationOutcome existing(RevocationEvent revocation) {
        return new RevocationOutcome(revocation, false);
    }
}
