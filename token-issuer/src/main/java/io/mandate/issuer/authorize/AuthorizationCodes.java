package io.mandate.issuer.authorize;

import io.mandate.issuer.ids.RandomIds;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Authorization codes (RFC 6749 §4.1.2) in the issuer's table {@code mandate_authorization_code}
 * of the shared PostgreSQL, so any instance can redeem a code another issued: 256 random bits,
 * stored only as a SHA-256 hash, valid {@link #LIFETIME}, single use. Consuming a code is one
 * conditional UPDATE, so two racing redemptions cannot both win; it also fixes the jti of the
 * token the redemption will issue, so a later reuse knows which token to revoke (§4.1.2).
 */
public class AuthorizationCodes {

    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** Codes are kept this long after expiry, so a late reuse is still recognised as one. */
    static final Duration RETENTION = Duration.ofHours(1);
    static final int MAX_CODE_LENGTH = 128;

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS mandate_authorization_code (
                code_hash      varchar(64)   PRIMARY KEY,
                code_id        varchar(64)   NOT NULL,
                client_id      varchar(255)  NOT NULL,
                user_id        varchar(255)  NOT NULL,
                grant_id       varchar(255)  NOT NULL,
                redirect_uri   varchar(2048) NOT NULL,
                code_challenge varchar(64)   NOT NULL,
                resource       varchar(2048) NOT NULL,
                scopes         varchar(4096) NOT NULL,
                created_at     timestamptz   NOT NULL,
                expires_at     timestamptz   NOT NULL,
                used_at        timestamptz,
                issued_jti     varchar(255))""";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "code_id, client_id, user_id, grant_id, redirect_uri, code_challenge, resource, "
            + "scopes, expires_at, issued_jti";

    /** What a code stands for. */
    public record StoredCode(String codeId, ClientId clientId, UserId userId, GrantId grantId, String redirectUri,
                             String codeChallenge, String resource, Scopes scopes, Instant expiresAt, Jti issuedJti) {
    }

    /** The outcome of presenting a code. */
    public sealed interface Presented {
        /** First use: the code is now spent, whatever the checks that follow decide. */
        record Consumed(StoredCode code) implements Presented {
        }

        /** The code was used before (§4.1.2: refuse, and revoke what the first use issued). */
        record Reused(StoredCode code) implements Presented {
        }

        record Unknown() implements Presented {
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuthorizationCodes(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void createTable() {
        jdbc.execute(DDL);
    }

    /** Stores a new code for a consented authorization; answers the code, shown once (in the redirect). */
    public String issue(ClientId client, UserId user, GrantId grant, String redirectUri, String codeChallenge,
                        String resource, Scopes scopes) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.update("INSERT INTO mandate_authorization_code (code_hash, code_id, client_id, user_id, grant_id, "
                        + "redirect_uri, code_challenge, resource, scopes, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                hash(code), RandomIds.uuid(), client.value(), user.value(), grant.value(), redirectUri, codeChallenge,
                resource, scopes.toString(), Timestamp.from(now), Timestamp.from(now.plus(LIFETIME)));
        return code;
    }

    /** Spends the code if it was never used; expiry, client, PKCE and redirect URI are the caller's to check. */
    public Presented present(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            return new Presented.Unknown();
        }
        String hash = hash(code);
        List<StoredCode> consumed = jdbc.query("UPDATE mandate_authorization_code SET used_at = ?, issued_jti = ? "
                + "WHERE code_hash = ? AND used_at IS NULL RETURNING " + COLUMNS, ROW, Timestamp.from(clock.instant()),
                RandomIds.uuid(), hash);
        if (!consumed.isEmpty()) {
            return new Presented.Consumed(consumed.get(0));
        }
        Optional<StoredCode> used = jdbc.query("SELECT " + COLUMNS + " FROM mandate_authorization_code WHERE code_hash = ?",
                ROW, hash).stream().findFirst();
        return used.<Presented>map(Presented.Reused::new).orElseGet(Presented.Unknown::new);
    }

    /** Deletes codes expired for longer than the retention; answers how many. */
    public int purge() {
        return jdbc.update("DELETE FROM mandate_authorization_code WHERE expires_at < ?",
                Timestamp.from(clock.instant().minus(RETENTION)));
    }

    static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final RowMapper<StoredCode> ROW = (rs, i) -> new StoredCode(rs.getString("code_id"),
            ClientId.of(rs.getString("client_id")), UserId.of(rs.getString("user_id")),
            GrantId.of(rs.getString("grant_id")), rs.getString("redirect_uri"), rs.getString("code_challenge"),
            rs.getString("resource"), Scopes.parse(rs.getString("scopes")), rs.getTimestamp("expires_at").toInstant(),
            rs.getString("issued_jti") == null ? null : Jti.of(rs.getString("issued_jti")));
}
