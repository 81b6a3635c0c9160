package io.mandate.command.client;

/** What a SetClientCredentials did: only a written rotation may show its new secret. */
enum SetCredentialsOutcome {
    WRITTEN,
    /** An Idempotency-Key retry of a rotation already written; its secret was shown once and is gone. */
    ALREADY_SET
}
