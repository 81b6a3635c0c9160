package io.mandate.messages.wire;

/**
 * A Kafka record that is not an envelope of a catalogued event; consumers log and skip it, never
 * crash. The message never quotes record content, so it is safe to log.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
