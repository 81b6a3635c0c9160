package io.mandate.serviceauth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers, for a short time, that a username and password were verified, so that an API client sending HTTP
 * Basic (RFC 7617) on every request pays the slow password hash (BCrypt, ~70 ms of CPU here) once per
 * {@code ttl} instead of once per request. Only successes are remembered: a wrong password never hits
 * and still goes through the slow hash, so guessing stays as slow as before.
 *
 * <p>Nothing reversible is kept: an entry holds an HMAC-SHA-256 of (username, password) under a key drawn at
 * random when the process starts and never leaves it, compared in constant time ({@link MessageDigest#isEqual}).
 * The HMAC is computed for every lookup, cached user or not, so the answer time does not tell which users
 * are cached. One entry per username (a new success replaces it) and at most {@code maxEntries} users: when full,
 * expired entries are dropped and, if none are, the success is simply not remembered.
 *
 * <p>No invalidation beyond the time-to-live: the services' users and passwords are fixed at start-up, so an
 * entry cannot outlive a change. A user store that changes at run time would have to clear the cache.
 * Framework-free on purpose (this module stays so): each service adapts it to its security framework.
 *
 * @param <T> what a successful verification produced (the services keep the authenticated principal)
 */
public final class VerifiedCredentials<T> {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

    public VerifiedCredentials(Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        byte[] secret = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the last verification of exactly this username and password produced, if it is still fresh. */
    public Optional<T> lookup(String username, String password) {
        byte[] mac = mac(username, password); // before the lookup: a miss costs the same as a hit
        Entry<T> entry = entries.get(username);
        if (entry == null) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(mac, entry.mac());
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(username, entry);
            return Optional.empty();
        }
        return same ? Optional.of(entry.verified()) : Optional.empty();
    }

    /** Records a successful verification; callers must never call this for a failed one. */
    public void remember(String username, String password, T verified) {
        Objects.requireNonNull(verified, "verified");
        Instant now = clock.instant();
        if (entries.size() >= maxEntries && !entries.containsKey(username)) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (entries.size() >= maxEntries) {
                return; // full of fresh entries: this user just keeps paying the slow hash
            }
        }
        entries.put(username, new Entry<>(mac(username, password), now.plus(ttl), verified));
    }

    /** Entries held now, expired ones included until they are next touched. */
    public int size() {
        return entries.size();
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") never share an input. */
    private byte[] mac(String username, String password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(key);
            hmac.update(ByteBuffer.allocate(Integer.BYTES).putInt(user.length).array());
            hmac.update(user);
            return hmac.doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private record Entry<T>(byte[] mac, Instant expiresAt, T verified) {
    }
}
