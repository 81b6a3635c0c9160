package io.mandate.query.token;

/** How a token was issued. */
public enum TokenKind {
    /** RFC 8693 token exchange: one delegation hop under a grant ({@code TokenExchanged}). */
    EXCHANGED,
    /** RFC 6749 §4.4 client credentials: the client's own identity, no user, no grant ({@code ClientTokenIssued}). */
    CLIENT_CREDENTIALS
}
