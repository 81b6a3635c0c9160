package io.mandate.query.token;

/** What ended (or holds back) a token or grant, by the grain of the fact; the token-issuer's grains. */
public enum Grain {
    /** The token, or a token it was exchanged from, was revoked ({@code TokenRevoked}). */
    TOKEN,
    /** Its grant was revoked ({@code GrantRevoked}). */
    GRANT,
    /** A client in its actor chain, or its grant's agent, was revoked by watermark ({@code ClientRevoked}). */
    CLIENT,
    /** Its user was revoked by watermark ({@code UserRevoked}). */
    USER,
    /** The token or its grant reached its expiry. */
    EXPIRED,
    /** A client in its actor chain is suspended or deleted: refused while that lasts. */
    SUSPENDED;

    /** Revocations are final; expiry and suspension are not acts of a responder. */
    boolean isRevocation() {
        return this == TOKEN || this == GRANT || this == CLIENT || this == USER;
    }
}
