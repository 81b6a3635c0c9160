package io.mandate.issuer.revocation;

/** Why a token no longer holds, by the grain of what ended it. */
public enum Grain {
    /** The token, or a token it was exchanged from, was revoked ({@code TokenRevoked}). */
    TOKEN,
    /** Its grant was revoked ({@code GrantRevoked}), or is unknown to this issuer. */
    GRANT,
    /** A client in its actor chain, or its grant's agent, was revoked by watermark ({@code ClientRevoked}). */
    CLIENT,
    /** Its subject was revoked by watermark ({@code UserRevoked}). */
    USER,
    /** The token or its grant reached its expiry. */
    EXPIRED,
    /** A client in its actor chain is suspended, deleted or unknown to this issuer. */
    SUSPENDED
}
