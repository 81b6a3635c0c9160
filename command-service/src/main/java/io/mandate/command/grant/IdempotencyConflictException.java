package io.mandate.command.grant;

import io.mandate.messages.id.GrantId;

/** An Idempotency-Key reused for a different grant than the one it first created. */
class IdempotencyConflictException extends RuntimeException {

    private final transient GrantId existing;

    IdempotencyConflictException(GrantId existing) {
        super("Idempotency-Key already used for a different grant");
        this.existing = existing;
    }

    GrantId existing() {
        return existing;
    }
}
