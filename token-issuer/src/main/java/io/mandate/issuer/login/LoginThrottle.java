package io.mandate.issuer.login;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Failed-login throttling, shared by every issuer instance through {@code mandate_login_throttle}:
 * one counter per user name ({@code user:<id>}) and one per client address ({@code addr:<ip>}).
 * From the {@code threshold}-th failure within the {@code window}, the key is locked for
 * {@code base × 2^(failures − threshold)}, at most {@code max}: an online guesser gets a handful of
 * tries per quarter hour, a user who mistyped waits seconds. While a key is locked no password is
 * checked at all. A success clears the user's counter, never the address's (an attacker cannot
 * reset it by signing in to an account of their own between guesses).
 */
public class LoginThrottle {

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS mandate_login_throttle (
                throttle_key    varchar(300) PRIMARY KEY,
                failures        integer      NOT NULL,
                last_failure_at timestamptz  NOT NULL,
                locked_until    timestamptz)""";

    /** Throttling rules for one kind of key. */
    public record Rule(int threshold, Duration base, Duration max, Duration window) {
    }

    public static final Rule PER_USER = new Rule(5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15));
    /** Many users may share an address (NAT): a higher threshold. */
    public static final Rule PER_ADDRESS = new Rule(20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public LoginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    void createTable() {
        jdbc.execute(DDL);
    }

    static String userKey(String userId) {
        return "user:" + userId;
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }

    /** The latest instant until which any of these keys is locked, if one is locked now. */
    public Optional<Instant> lockedUntil(List<String> keys) {
        Instant now = clock.instant();
        return keys.stream()
                .flatMap(key -> jdbc.query("SELECT locked_until FROM mandate_login_throttle WHERE throttle_key = ?",
                        (rs, i) -> rs.getTimestamp(1), key).stream())
                .filter(until -> until != null && until.toInstant().isAfter(now))
                .map(Timestamp::toInstant)
                .max(Instant::compareTo);
    }

    /** Counts a failure for the key; answers until when it is now locked (null: not locked). */
    public Instant recordFailure(String key, Rule rule) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            Integer failures = jdbc.queryForObject("""
                    INSERT INTO mandate_login_throttle AS t (throttle_key, failures, last_failure_at, locked_until)
                    VALUES (?, 1, ?, NULL)
                    ON CONFLICT (throttle_key) DO UPDATE SET
                        failures = CASE WHEN t.last_failure_at < ? THEN 1 ELSE t.failures + 1 END,
                        last_failure_at = EXCLUDED.last_failure_at
                    RETURNING failures""", Integer.class, key, Timestamp.from(now),
                    Timestamp.from(now.minus(rule.window())));
            Instant until = lockFor(failures == null ? 0 : failures, rule).map(now::plus).orElse(null);
            if (until != null) {
                jdbc.update("UPDATE mandate_login_throttle SET locked_until = ? WHERE throttle_key = ?",
                        Timestamp.from(until), key);
            }
            return until;
        });
    }

    public void clear(String key) {
        jdbc.update("DELETE FROM mandate_login_throttle WHERE throttle_key = ?", key);
    }

    /** How long the {@code failures}-th failure locks the key. */
    static Optional<Duration> lockFor(int failures, Rule rule) {
        if (failures < rule.threshold()) {
            return Optional.empty();
        }
        int doublings = Math.min(failures - rule.threshold(), 20);
        Duration lock = rule.base().multipliedBy(1L << doublings);
        return Optional.of(lock.compareTo(rule.max()) > 0 ? rule.max() : lock);
    }
}
