package io.mandate.export.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 (FIPS 180-4) as lowercase hex: how every hash of the export is written. */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();
    // One digest per thread: the provider look-up costs more than hashing a record.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {
    }

    /** The hash of the string's UTF-8 bytes. */
    public static String hex(String text) {
        return HEX.formatHex(DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** True for 64 lowercase hex digits: the only form a hash takes in an export. */
    public static boolean isHash(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
