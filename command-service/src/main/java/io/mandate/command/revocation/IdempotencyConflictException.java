package io.mandate.command.revocation;

/** An Idempotency-Key reused, by the same caller on the same target, for a revocation with another reason. */
class IdempotencyConflictException extends RuntimeException {

    IdempotencyConflictException() {
        super("Idempotency-Key already used for a revocation with another reason");
    }
}
