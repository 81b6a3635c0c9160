package io.mandate.query.token;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A token's or grant's status and why: every fact that ends it, strongest first.
 *
 * @param grain  the grain of the strongest finding; null when ACTIVE
 * @param reason the strongest finding's explanation; null when ACTIVE
 * @param why    every finding (a revoked token under a revoked grant shows both)
 */
public record Standing(TokenStatus status, Grain grain, String reason, List<Finding> why) {

    public static final Standing ACTIVE = new Standing(TokenStatus.ACTIVE, null, null, List.of());

    /**
     * One fact that ends the token.
     *
     * @param at when it happened (the revocation or expiry instant), when known
     */
    public record Finding(Grain grain, String reason, Instant at) {
    }

    /** Revocations first, then suspensions, then expiry; otherwise in the rule's order. */
    private static final Comparator<Finding> STRONGEST_FIRST = Comparator.comparingInt(Standing::strength);

    static Standing of(List<Finding> findings) {
        if (findings.isEmpty()) {
            return ACTIVE;
        }
        List<Finding> sorted = findings.stream().sorted(STRONGEST_FIRST).toList();
        Finding strongest = sorted.get(0);
        return new Standing(statusOf(strongest.grain()), strongest.grain(), strongest.reason(), sorted);
    }

    public boolean isActive() {
        return status == TokenStatus.ACTIVE;
    }

    private static int strength(Finding finding) {
        if (finding.grain().isRevocation()) {
            return 0;
        }
        return finding.grain() == Grain.SUSPENDED ? 1 : 2;
    }

    private static TokenStatus statusOf(Grain grain) {
        if (grain.isRevocation()) {
            return TokenStatus.REVOKED;
        }
        return grain == Grain.SUSPENDED ? TokenStatus.SUSPENDED : TokenStatus.EXPIRED;
    }
}
