package io.mandate.issuer.revocation;

import java.util.Objects;

/** The answer to "is this token still good" (what RFC 7662 introspection reports as {@code active}). */
public sealed interface Verdict permits Verdict.Valid, Verdict.Revoked {

    Valid VALID = new Valid();

    static Revoked revoked(Grain grain, String reason) {
        return new Revoked(reason, grain);
    }

    boolean isRevoked();

    /** Nothing known to this issuer ends the token. */
    record Valid() implements Verdict {
        @Override
        public boolean isRevoked() {
            return false;
        }
    }

    /**
     * The token must be refused.
     *
     * @param reason for operators: names ids and instants, never token content
     */
    record Revoked(String reason, Grain grain) implements Verdict {

        public Revoked {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(grain, "grain");
        }

        @Override
        public boolean isRevoked() {
            return true;
        }
    }
}
