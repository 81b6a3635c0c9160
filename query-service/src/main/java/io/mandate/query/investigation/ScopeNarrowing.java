package io.mandate.query.investigation;

import java.util.List;
import java.util.TreeSet;

/**
 * How one hop's scopes compare with what it was delegated from (its parent token, or the grant
 * for a chain's first token): the design's bounded-propagation rule, token ⊆ parent ⊆ grant,
 * checked on what was recorded rather than trusted.
 *
 * @param within    every scope of the hop is in the ceiling
 * @param narrowed  scopes of the ceiling the hop no longer carries (ceiling minus hop)
 * @param exceeding scopes of the hop outside the ceiling (empty whenever the issuer did its job)
 */
public record ScopeNarrowing(boolean within, List<String> narrowed, List<String> exceeding) {

    static ScopeNarrowing of(List<String> hop, List<String> ceiling) {
        TreeSet<String> narrowed = new TreeSet<>(ceiling);
        narrowed.removeAll(hop);
        TreeSet<String> exceeding = new TreeSet<>(hop);
        exceeding.removeAll(ceiling);
        return new ScopeNarrowing(exceeding.isEmpty(), List.copyOf(narrowed), List.copyOf(exceeding));
    }
}
