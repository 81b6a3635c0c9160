package io.mandate.issuer.exchange;

import java.util.List;

/**
 * Writes a token's claims as JSON in one pass, without building Nimbus's {@code JWTClaimsSet} and its
 * map and serialising them through Nimbus's shaded Gson (6.6 % of the request threads' samples in the
 * benchmark's profile, issue #8). It writes the members Nimbus wrote for the same claims, byte for byte
 * ({@code ClaimsWriterTest} pins it): dates as whole seconds since the epoch, a one-element audience as a
 * plain string, null claims left out; in the order the minter lists them (Nimbus's claims object was a
 * hash map, so its order was the hash table's; JSON member order carries no meaning, RFC 8259 §4).
 * Strings are escaped as
 * Gson escapes them without HTML escaping — {@code "} and {@code \}, control characters
 * ({@code \b \t \n \f \r} by name, the rest as lower-case {@code \\u00xx}), and U+2028/U+2029.
 */
final class ClaimsWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder json = new StringBuilder(512).append('{');

    ClaimsWriter string(String name, String value) {
        name(name);
        quoted(value);
        return this;
    }

    ClaimsWriter seconds(String name, long epochSeconds) {
        name(name);
        json.append(epochSeconds);
        return this;
    }

    ClaimsWriter strings(String name, List<String> values) {
        name(name);
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quoted(values.get(i));
        }
        json.append(']');
        return this;
    }

    /** {@code "name":{"sub":"…"}} */
    ClaimsWriter subjectObject(String name, String subject) {
        name(name);
        json.append("{\"sub\":");
        quoted(subject);
        json.append('}');
        return this;
    }

    /**
     * RFC 8693 §4.1 {@code act}: the first of {@code actors} outermost, each next one nested in the
     * previous one's {@code act}. Nothing is written for an empty list (as a null claim is left out).
     */
    ClaimsWriter actorChain(String name, List<String> actors) {
        if (actors.isEmpty()) {
            return this;
        }
        name(name);
        for (int i = 0; i < actors.size(); i++) {
            if (i > 0) {
                json.append(",\"").append(name).append("\":");
            }
            json.append("{\"sub\":");
            quoted(actors.get(i));
        }
        json.append("}".repeat(actors.size()));
        return this;
    }

    String end() {
        return json.append('}').toString();
    }

    private void name(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        quoted(name);
        json.append(':');
    }

    private void quoted(String value) {
        json.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape = escape(c);
            if (escape != null || (c < 0x20)) {
                json.append(value, plainFrom, i);
                if (escape != null) {
                    json.append(escape);
                } else {
                    json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
                plainFrom = i + 1;
            }
        }
        json.append(value, plainFrom, value.length()).append('"');
    }

    private static String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\f' -> "\\f";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            default -> null;
        };
    }
}
