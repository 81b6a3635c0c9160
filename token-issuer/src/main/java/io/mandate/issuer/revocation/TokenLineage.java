package io.mandate.issuer.revocation;

import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens this issuer has issued, as jti → (parent jti, grant): what the revocation decision
 * walks to find whether an ancestor of a token was revoked (RFC 8693 exchanges form a tree).
 *
 * <p>Bounded by the tokens still alive: an entry is kept until its token and every token derived
 * from it have expired, then evicted. Keeping ancestors as long as their longest-lived descendant
 * guarantees that the walk up from any live token reaches every recorded ancestor, even if a
 * future exchange forgets to cap a child's lifetime at its parent's. Eviction runs on every
 * {@link #recordIssued}, oldest expiry first, so the store never needs a scan.
 *
 * <p>Reads ({@link #find}) are lock-free; writes are serialised, because extending ancestors and
 * evicting must see one consistent order of expiries.
 */
public final class TokenLineage {

    /**
     * @param retainUntil the latest expiry among the token and its recorded descendants
     */
    record Link(Jti parentJti, GrantId grantId, Instant retainUntil) {
    }

    private record Expiry(Instant at, Jti jti) {
    }

    /** Ancestors more than this many hops up are never extended (a guard against a parent cycle). */
    static final int MAX_LINEAGE_DEPTH = 16;

    private final ConcurrentHashMap<Jti, Link> links = new ConcurrentHashMap<>();
    private final TreeSet<Expiry> expiries = new TreeSet<>(
            Comparator.comparing(Expiry::at).thenComparing(expiry -> expiry.jti().value()));  // guarded by this
    private final Clock clock;

    public TokenLineage(Clock clock) {
        this.clock = clock;
    }

    /** Remembers a token this issuer has just issued, and evicts what has expired. */
    public synchronized void recordIssued(TokenFacts token) {
        evictExpired(clock.instant());
        Link previous = links.get(token.jti());
        Instant retainUntil = previous != null && previous.retainUntil().isAfter(token.expiresAt())
                ? previous.retainUntil() : token.expiresAt();
        replace(token.jti(), previous, new Link(token.parentJti(), token.grantId(), retainUntil));
        // Every ancestor must outlive this token; stop at the first that already does, since its
        // own ancestors then do too (each entry is retained at least as long as its descendants).
        Jti ancestor = token.parentJti();
        for (int hops = 0; ancestor != null && hops < MAX_LINEAGE_DEPTH; hops++) {
            Link link = links.get(ancestor);
            if (link == null || !link.retainUntil().isBefore(retainUntil)) {
                return;
            }
            replace(ancestor, link, new Link(link.parentJti(), link.grantId(), retainUntil));
            ancestor = link.parentJti();
        }
    }

    /** Evicts every entry whose token and descendants have all expired by now. */
    public synchronized void evictExpired() {
        evictExpired(clock.instant());
    }

    Link find(Jti jti) {
        return links.get(jti);
    }

    public int size() {
        return links.size();
    }

    private void evictExpired(Instant now) {
        // A token is no longer valid from its expiry instant on (RFC 7519 §4.1.4): evict at == now too.
        while (!expiries.isEmpty() && !expiries.first().at().isAfter(now)) {
            links.remove(expiries.pollFirst().jti());
        }
    }

    private void replace(Jti jti, Link previous, Link next) {
        if (previous != null) {
            expiries.remove(new Expiry(previous.retainUntil(), jti));
        }
        links.put(jti, next);
        expiries.add(new Expiry(next.retainUntil(), jti));
    }
}
