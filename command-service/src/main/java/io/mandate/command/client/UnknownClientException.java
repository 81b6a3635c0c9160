package io.mandate.command.client;

import io.mandate.messages.id.ClientId;

/** No client was ever registered with this id (404). */
class UnknownClientException extends RuntimeException {

    UnknownClientException(ClientId clientId) {
        super("No client " + clientId.value() + " is registered.");
    }
}
