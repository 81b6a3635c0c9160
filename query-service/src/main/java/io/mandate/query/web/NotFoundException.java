package io.mandate.query.web;

/** The request named something the query side does not know; answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
