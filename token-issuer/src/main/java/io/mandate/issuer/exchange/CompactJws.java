package io.mandate.issuer.exchange;

import java.util.regex.Pattern;

/**
 * The strict JWS compact serialisation (RFC 7515 §7.1): three base64url segments without padding,
 * nothing else. Checked before parsing, because a lenient decoder would accept several spellings
 * of one token (breaking replay detection and token hashes).
 */
public final class CompactJws {

    private static final Pattern STRICT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private CompactJws() {
    }

    public static boolean isStrict(String token) {
        return token != null && STRICT.matcher(token).matches();
    }
}
