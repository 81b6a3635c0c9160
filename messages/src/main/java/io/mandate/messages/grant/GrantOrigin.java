package io.mandate.messages.grant;

/** How a grant came to be; recorded on {@link GrantCreated} (revision 2). */
public enum GrantOrigin {
    /** An administrator recorded it through the admin API (every grant of revision 1). */
    ADMIN,
    /** The user approved it on the authorization server's consent page (OAuth authorization code flow). */
    CONSENT
}
