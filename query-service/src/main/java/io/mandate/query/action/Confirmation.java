package io.mandate.query.action;

/**
 * Whether one reader (a token-issuer, or the query side) shows a revocation in force.
 *
 * @param where     the issuer's base URL, or {@code query-service}
 * @param confirmed true once it shows it
 * @param detail    what it last answered when not confirmed (e.g. {@code grant status ACTIVE}, {@code unreachable})
 */
public record Confirmation(String where, boolean confirmed, String detail) {

    static Confirmation yes(String where) {
        return new Confirmation(where, true, null);
    }

    static Confirmation no(String where, String detail) {
        return new Confirmation(where, false, detail);
    }
}
