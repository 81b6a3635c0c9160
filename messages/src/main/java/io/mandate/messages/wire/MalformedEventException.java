package io.mandate.messages.wire;

/** A Kafka record that is not an envelope of a catalogued event; consumers park it, never crash. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
