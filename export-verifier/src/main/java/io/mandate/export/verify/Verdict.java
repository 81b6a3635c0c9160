package io.mandate.export.verify;

import io.mandate.export.format.Manifest;

/**
 * The verifier's answer.
 *
 * @param line     where the first problem is (1-based line of the file), or 0 when valid
 * @param records  records read and found valid before the verdict
 * @param manifest the verified manifest, null when it is missing or not authentic
 */
public record Verdict(boolean valid, int line, String message, long records, Manifest manifest) {

    static Verdict valid(long records, Manifest manifest) {
        return new Verdict(true, 0, "every record chains to the signed manifest", records, manifest);
    }

    static Verdict invalid(int line, String message, long records, Manifest manifest) {
        return new Verdict(false, line, message, records, manifest);
    }

    /** One line for a person: {@code line 17: record altered: …}. */
    public String describe() {
        return valid ? message : "line " + line + ": " + message;
    }
}
