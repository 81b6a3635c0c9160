package io.mandate.command.client;

import io.mandate.messages.id.ClientId;

/** A client command that the client's current state forbids (409): deleted, or registered differently. */
class ClientConflictException extends RuntimeException {

    ClientConflictException(ClientId clientId, String what) {
        super("Client " + clientId.value() + " " + what + ".");
    }
}
