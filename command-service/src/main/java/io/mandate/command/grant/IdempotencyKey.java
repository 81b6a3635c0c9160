package io.mandate.command.grant;

/**
 * The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header): a
 * client-chosen string, sent as a structured-field string ({@code "..."}) or bare.
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new GrantRejectedException(HEADER, "must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new GrantRejectedException(HEADER, "must be visible ASCII characters without spaces");
            }
        }
    }

    /** @return the key, or null when the header is absent */
    static IdempotencyKey parse(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        boolean quoted = trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"");
        return new IdempotencyKey(quoted ? trimmed.substring(1, trimmed.length() - 1) : trimmed);
    }
}
