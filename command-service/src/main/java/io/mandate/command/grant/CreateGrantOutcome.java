package io.mandate.command.grant;

/** What a CreateGrant did: lets the API answer 201 for a new grant and 200 for a replayed request. */
enum CreateGrantOutcome {
    CREATED,
    ALREADY_EXISTED
}
