package io.mandate.command.client;

/** What a RegisterClient did: lets the API answer 201 for a new client and 200 for a retry. */
enum RegisterClientOutcome {
    CREATED,
    ALREADY_EXISTED
}
