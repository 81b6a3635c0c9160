package io.mandate.command.client;

/** An Idempotency-Key reused, by the same caller on the same client, for other credentials (409). */
class ClientIdempotencyConflictException extends RuntimeException {

    ClientIdempotencyConflictException() {
        super("This Idempotency-Key was already used to set other credentials on this client.");
    }
}
