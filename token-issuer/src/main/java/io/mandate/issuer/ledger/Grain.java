package io.mandate.issuer.ledger;

/** Which revocation in the store refused a token (docs/events.md, "Revocation decision"). */
public enum Grain {
    /** Its grant has {@code GrantRevoked} or {@code GrantExpired}. */
    GRANT,
    /** Its user has a {@code UserRevoked} watermark at or after the grant's creation. */
    USER,
    /** An actor has a {@code ClientRevoked} watermark at or after the instant it joined. */
    CLIENT,
    /** An actor's latest lifecycle event is {@code ClientSuspended} or {@code ClientDeleted}. */
    SUSPENDED,
    /** A jti of its lineage has {@code TokenRevoked}. */
    TOKEN
}
