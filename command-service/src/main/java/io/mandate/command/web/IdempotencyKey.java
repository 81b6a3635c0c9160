package io.mandate.command.web;

/**
 * The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header): a
 * client-chosen string, sent as a structured-field string ({@code "..."}) or bare.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;
    /** The header's OpenAPI description, the same wherever an endpoint accepts it. */
    public static final String DESCRIPTION =
            "Client-chosen key making retries safe (at most 255 visible ASCII characters)";

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new InvalidFieldException(HEADER, "must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new InvalidFieldException(HEADER, "must be visible ASCII characters without spaces");
            }
        }
    }

    /** @return the key, or null when the header is absent */
    public static IdempotencyKey parse(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        boolean quoted = trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"");
        return new IdempotencyKey(quoted ? trimmed.substring(1, trimmed.length() - 1) : trimmed);
    }
}
