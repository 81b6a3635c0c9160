package io.mandate.issuer.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolved metadata documents, each kept as long as its response allows (RFC 9111: {@code no-store} /
 * {@code no-cache} not at all, {@code max-age}, else {@code Expires}, else a default), never longer than a
 * ceiling, and at most a bounded number of them (least recently used goes first). A stranger's headers
 * decide how often Mandate fetches again, so both ends are bounded by configuration.
 */
final class DocumentCache {

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})\"?");

    private record Entry(ResolvedClient client, Instant expiresAt) {
    }

    private final int maxEntries;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    private final Clock clock;
    private final Map<String, Entry> entries;

    DocumentCache(int maxEntries, Duration defaultTtl, Duration maxTtl, Clock clock) {
        this.maxEntries = maxEntries;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > DocumentCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<ResolvedClient> get(String clientId) {
        Entry entry = entries.get(clientId);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(clientId);
            return Optional.empty();
        }
        return Optional.of(entry.client());
    }

    synchronized void put(String clientId, ResolvedClient client, Map<String, String> headers) {
        Duration ttl = ttl(headers);
        if (ttl.isZero() || ttl.isNegative()) {
            entries.remove(clientId);
            return;
        }
        entries.put(clientId, new Entry(client, clock.instant().plus(ttl)));
    }

    synchronized int size() {
        return entries.size();
    }

    /** How long a response may be reused, within [0, maxTtl]. */
    Duration ttl(Map<String, String> headers) {
        String cacheControl = headers.getOrDefault("cache-control", "").toLowerCase(Locale.ROOT);
        if (cacheControl.contains("no-store") || cacheControl.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher maxAge = MAX_AGE.matcher(cacheControl);
        if (maxAge.find()) {
            return min(Duration.ofSeconds(Long.parseLong(maxAge.group(1))));
        }
        String expires = headers.get("expires");
        if (expires != null) {
            try {
                Instant at = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration left = Duration.between(clock.instant(), at);
                return left.isNegative() ? Duration.ZERO : min(left);
            } catch (DateTimeParseException e) {
                return Duration.ZERO;  // RFC 9111 §5.3: an invalid Expires means already expired
            }
        }
        return min(defaultTtl);
    }

    private Duration min(Duration ttl) {
        return ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
    }
}
