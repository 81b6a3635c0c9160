package io.mandate.command.client;

import io.mandate.messages.id.ClientId;

/** The registrar asked to change a client an administrator registered: a 403 problem. */
final class ClientAccessDeniedException extends RuntimeException {

    ClientAccessDeniedException(ClientId clientId) {
        super("Client " + clientId.value() + " was registered by an administrator; only an administrator may change it.");
    }
}
