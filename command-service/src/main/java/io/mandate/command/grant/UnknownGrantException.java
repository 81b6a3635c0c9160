package io.mandate.command.grant;

import io.mandate.messages.id.GrantId;

/** No grant with this id exists (404). */
class UnknownGrantException extends RuntimeException {

    UnknownGrantException(GrantId grantId) {
        super("No grant " + grantId.value() + " exists.");
    }
}
