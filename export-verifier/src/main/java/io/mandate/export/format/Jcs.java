package io.mandate.export.format;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values an export holds: object members sorted
 * by their names' UTF-16 code units (§3.2.3), no whitespace, strings escaped as ECMAScript's
 * {@code JSON.stringify} does (§3.2.2.2), literals as is.
 *
 * <p>Numbers: Mandate's records hold integers only (positions, sequences, revisions, depths), so
 * this implementation serialises integers and integral values up to 2^53 exactly as §3.2.2.3 does
 * and refuses any other number rather than approximate ECMAScript's double formatting; a record
 * holding one cannot be canonicalised, which the verifier reports as a malformed record.
 */
public final class Jcs {

    /** The largest integer a JSON number is guaranteed to represent exactly (I-JSON, RFC 7493 §2.2). */
    private static final long MAX_EXACT = 1L << 53;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {
    }

    /** The canonical serialisation of {@code value}; its UTF-8 bytes are what gets hashed. */
    public static String canonicalize(JsonNode value) {
        StringBuilder out = new StringBuilder(512);
        write(value, out);
        return out.toString();
    }

    /** Appends the canonical form of {@code value}. */
    static void write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> writeObject(value, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(value.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(value.textValue(), out);
            case NUMBER -> writeNumber(value, out);
            case BOOLEAN -> out.append(value.booleanValue());
            case NULL -> out.append("null");
            default -> throw new NotCanonicalizableException("not JSON data: " + value.getNodeType());
        }
    }

    private static void writeObject(JsonNode object, StringBuilder out) {
        String[] names = new String[object.size()];
        Iterator<String> iterator = object.fieldNames();
        for (int i = 0; iterator.hasNext(); i++) {
            names[i] = iterator.next();
        }
        // String.compareTo compares UTF-16 code units, which is exactly RFC 8785 §3.2.3's order.
        Arrays.sort(names);
        out.append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names[i], out);
            out.append(':');
            write(object.get(names[i]), out);
        }
        out.append('}');
    }

    private static void writeNumber(JsonNode number, StringBuilder out) {
        if (number.isInt() || number.isLong()) {
            long value = number.longValue();
            if (value > MAX_EXACT || value < -MAX_EXACT) {
                throw new NotCanonicalizableException("integer beyond 2^53: " + value);
            }
            out.append(value);
            return;
        }
        if (number.isIntegralNumber()) {
            BigInteger integer = number.bigIntegerValue();
            if (integer.abs().compareTo(BigInteger.valueOf(MAX_EXACT)) > 0) {
                throw new NotCanonicalizableException("integer beyond 2^53: " + integer);
            }
            out.append(integer.longValue());
            return;
        }
        double value = number.doubleValue();
        if (value != Math.rint(value) || Double.isInfinite(value) || Math.abs(value) > MAX_EXACT) {
            throw new NotCanonicalizableException("fractional or out-of-range number: " + number.asText());
        }
        // 1.0, 1e2 and -0.0 are the integers 1, 100 and 0 in RFC 8785's number form.
        out.append((long) value);
    }

    static void writeString(String text, StringBuilder out) {
        out.append('"');
        int plain = plainPrefix(text);
        out.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate has no UTF-8 form: hashing it would silently hash a '?'.
                        if (Character.isHighSurrogate(c) && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                        } else {
                            throw new NotCanonicalizableException("lone UTF-16 surrogate in a string");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** How many leading characters need no escaping (most strings: all of them), to copy them at once. */
    private static int plainPrefix(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return i;
            }
        }
        return text.length();
    }

    /** The value is outside what RFC 8785 (as restricted here) can serialise. */
    public static final class NotCanonicalizableException extends IllegalArgumentException {

        public NotCanonicalizableException(String message) {
            super(message);
        }
    }
}
