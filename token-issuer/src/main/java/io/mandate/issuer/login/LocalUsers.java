package io.mandate.issuer.login;

import io.mandate.messages.id.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * Local users of the authorization server (the built-in demo and small deployments), in the
 * issuer's own table {@code mandate_local_user} of the shared PostgreSQL. Only an Argon2id hash of
 * each password is stored (Spring Security's defaults for 5.8+: 16-byte salt, 32-byte hash,
 * parallelism 1, 16 MiB, 2 iterations).
 */
public class LocalUsers {

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS mandate_local_user (
                user_id       varchar(255) PRIMARY KEY,
                display_name  varchar(255) NOT NULL,
                password_hash varchar(255) NOT NULL,
                created_at    timestamptz  NOT NULL,
                updated_at    timestamptz  NOT NULL)""";

    /** Compared against when the user does not exist, so an unknown name costs as much as a wrong password. */
    private final String decoyHash;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public LocalUsers(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), clock);
    }

    LocalUsers(JdbcTemplate jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.decoyHash = encoder.encode("decoy-" + System.nanoTime());
    }

    void createTable() {
        jdbc.execute(DDL);
    }

    /** A local user as the login and the pages know it. */
    public record LocalUser(UserId userId, String displayName) {
    }

    /** Creates the user, or replaces its display name and password. */
    public LocalUser save(UserId userId, String displayName, CharSequence password) {
        if (password == null || password.length() < 8 || password.length() > 256) {
            throw new IllegalArgumentException("password must be 8 to 256 characters");
        }
        String name = displayName == null || displayName.isBlank() ? userId.value() : displayName.strip();
        if (name.length() > 255) {
            throw new IllegalArgumentException("displayName must be at most 255 characters");
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO mandate_local_user (user_id, display_name, password_hash, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name,
                    password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at""",
                userId.value(), name, encoder.encode(password), now, now);
        return new LocalUser(userId, name);
    }

    /** The user if the password is theirs; empty otherwise (the same work either way). */
    public Optional<LocalUser> verify(String userId, CharSequence password) {
        var rows = jdbc.query("SELECT user_id, display_name, password_hash FROM mandate_local_user WHERE user_id = ?",
                (rs, i) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3)}, userId);
        if (rows.isEmpty()) {
            encoder.matches(password, decoyHash);
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!encoder.matches(password, (String) row[2])) {
            return Optional.empty();
        }
        return Optional.of(new LocalUser(UserId.of((String) row[0]), (String) row[1]));
    }

    public Optional<LocalUser> find(UserId userId) {
        return jdbc.query("SELECT user_id, display_name FROM mandate_local_user WHERE user_id = ?",
                (rs, i) -> new LocalUser(UserId.of(rs.getString(1)), rs.getString(2)), userId.value()).stream().findFirst();
    }
}
