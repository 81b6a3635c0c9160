package io.mandate.messages.id;

/** Shared validation for typed identifiers: one rule, applied in every compact constructor. */
final class Identifiers {

    static final int MAX_LENGTH = 255;

    private Identifiers() {
    }

    static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i)) || Character.isWhitespace(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain whitespace or control characters");
            }
        }
        return value;
    }
}
