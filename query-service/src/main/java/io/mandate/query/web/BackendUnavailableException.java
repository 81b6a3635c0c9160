package io.mandate.query.web;

/** Elasticsearch could not answer; answered with 503 so clients retry instead of trusting a blank. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
