package io.mandate.issuer.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Tokens whose signature and claims already verified, so a token presented again (a user's IdP
 * token starting several chains, a token introspected by its resource server on every call) is
 * not parsed and verified again. Only what is a pure function of the token's exact bytes is
 * remembered — signature, algorithm, type, issuer, audience, claims; everything that depends on
 * time or on the world is re-checked on every hit by the caller: expiry, whether the signing key
 * is still published, and (elsewhere, always) revocation, grants and clients.
 *
 * <p>The key is the token string itself, compared in full: only a string that passed the strict
 * compact-form check and verified can be in here, so a hit is the same bytes, never a look-alike.
 * An entry lives at most {@code maxAge} (a key withdrawn by a trusted IdP stops being accepted
 * within that bound, even for tokens seen before) and never past the token's own expiry.
 *
 * <p>Bounded without a cache library: two generations of at most {@code capacity / 2} entries;
 * when the young one is full it becomes the old one and the previous old one is dropped. A hit in
 * the old generation moves the entry to the young one, so tokens in use stay.
 */
final class VerifiedTokens {

    /** A verified token and what must be re-checked on a hit. */
    record Entry(SubjectTokens.Subject subject, String keyId, Instant notAfter) {
    }

    private final int generationSize;
    private final Duration maxAge;
    private volatile ConcurrentHashMap<String, Entry> young = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, Entry> old = new ConcurrentHashMap<>();

    VerifiedTokens(int capacity, Duration maxAge) {
        this.generationSize = Math.max(1, capacity / 2);
        this.maxAge = maxAge;
    }

    static VerifiedTokens disabled() {
        return new VerifiedTokens(0, Duration.ZERO);
    }

    /**
     * The remembered verification of exactly this token, if it is still within its bounds at
     * {@code now} and {@code stillValid} accepts it; otherwise null (and the entry is dropped).
     */
    Entry find(String token, Instant now, Predicate<Entry> stillValid) {
        if (maxAge.isZero()) {
            return null;
        }
        Entry entry = young.get(token);
        if (entry == null) {
            entry = old.remove(token);
            if (entry != null) {
                young.put(token, entry);
            }
        }
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.notAfter()) || !stillValid.test(entry)) {
            young.remove(token);
            return null;
        }
        return entry;
    }

    /** Remembers a verified token until {@code expiresAt} or {@code maxAge} from {@code now}, whichever is first. */
    void remember(String token, SubjectTokens.Subject subject, String keyId, Instant expiresAt, Instant now) {
        if (maxAge.isZero()) {
            return;
        }
        Instant bound = now.plus(maxAge);
        Entry entry = new Entry(subject, keyId, expiresAt.isBefore(bound) ? expiresAt : bound);
        ConcurrentHashMap<String, Entry> current = young;
        if (current.size() >= generationSize) {
            synchronized (this) {
                if (young == current) {
                    old = current;
                    young = new ConcurrentHashMap<>();
                }
            }
        }
        young.put(token, entry);
    }

    int size() {
        return young.size() + old.size();
    }
}
