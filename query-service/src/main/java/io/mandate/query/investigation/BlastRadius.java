package io.mandate.query.investigation;

import java.time.Instant;
import java.util.List;

/**
 * What revoking {@code target} now would cut.
 *
 * @param grants            grants still standing that it would revoke
 * @param liveTokens        unexpired tokens still standing that would be refused from then on
 * @param users             users who would lose a grant or a live token
 * @param downstreamClients clients, other than the revoked agent itself, holding one of those live tokens
 */
public record BlastRadius(Target target,
                          Count grants,
                          Count liveTokens,
                          Count users,
                          Count downstreamClients,
                          Instant computedAt) {

    /**
     * @param exact  false when more candidates matched than were checked one by one; {@code count}
     *               then counts the unchecked ones as cut, so it is an upper bound
     * @param sample up to ten ids
     */
    public record Count(long count, boolean exact, List<String> sample) {

        static final int SAMPLE_SIZE = 10;

        static Count of(List<String> ids, long unchecked) {
            return new Count(ids.size() + unchecked, unchecked == 0,
                    ids.stream().limit(SAMPLE_SIZE).toList());
        }
    }
}
