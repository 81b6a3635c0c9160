package io.mandate.command.revocation;

import io.mandate.messages.id.ClientId;

/** A client revocation naming a client the registry never saw. */
class UnknownClientException extends RuntimeException {

    private final transient ClientId clientId;

    UnknownClientException(ClientId clientId) {
        super("unknown client");
        this.clientId = clientId;
    }

    ClientId clientId() {
        return clientId;
    }
}
