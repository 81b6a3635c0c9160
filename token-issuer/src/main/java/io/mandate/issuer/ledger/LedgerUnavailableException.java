package io.mandate.issuer.ledger;

/**
 * The event store could not record or read (down, saturated queue, missing table): the token
 * endpoint answers 503 and issues nothing. The message never carries SQL or data; the cause does.
 */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message) {
        super(message);
    }

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
