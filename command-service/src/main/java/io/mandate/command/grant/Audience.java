package io.mandate.command.grant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The audience a grant is for: a resource indicator (an absolute URI without a fragment, RFC 8707
 * §2) or the client id of a resource server or MCP server (RFC 8693 §2.1 {@code audience}).
 */
final class Audience {

    /** Unreserved URI characters (RFC 3986 §2.3), starting with a letter or digit. */
    private static final Pattern CLIENT_ID_LIKE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,254}");

    private Audience() {
    }

    static boolean isValid(String audience) {
        return audience != null && (CLIENT_ID_LIKE.matcher(audience).matches() || isResourceIndicator(audience));
    }

    private static boolean isResourceIndicator(String audience) {
        if (audience.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(audience);
            boolean hasAuthorityOrPath = uri.isOpaque() ? !uri.getSchemeSpecificPart().isEmpty()
                    : uri.getHost() != null;
            return uri.isAbsolute() && uri.getFragment() == null && hasAuthorityOrPath;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
