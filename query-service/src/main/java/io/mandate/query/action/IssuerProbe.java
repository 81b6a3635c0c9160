package io.mandate.query.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.mandate.query.investigation.Target;
import io.mandate.query.token.TokenDocument;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks one token-issuer (its ADMIN-only {@code /internal} views, docs/api.md) whether its
 * projection — what it decides exchanges and introspection from — holds the revocation:
 * the grant REVOKED (or EXPIRED), the client's or user's watermark at or after the recorded
 * {@code revokedAt}, or, for a token, its own revocation decision refusing the token.
 */
final class IssuerProbe implements EffectProbe {

    /**
     * The token question is asked as if the token had not expired yet: the issuer checks expiry
     * first, so an expired token would say nothing about whether the revocation arrived.
     */
    private static final Duration ASK_AS_IF_VALID_FOR = Duration.ofHours(1);

    private final URI base;
    private final ServiceHttp http;
    private final Clock clock;

    IssuerProbe(URI base, ServiceHttp http, Clock clock) {
        this.base = base;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String where() {
        return base.toString();
    }

    @Override
    public Confirmation check(Target target, Recorded recorded, TokenDocument token) {
        try {
            return switch (target.kind()) {
                case GRANT -> grant(target.id());
                case AGENT -> watermark(ServiceHttp.resolve(base, "internal", "projection", "clients", target.id()),
                        recorded.at(), "client");
                case USER -> watermark(ServiceHttp.resolve(base, "internal", "projection", "users", target.id()),
                        recorded.at(), "user");
                case TOKEN -> token(token);
            };
        } catch (IOException e) {
            return Confirmation.no(where(), "unreachable: " + e.getClass().getSimpleName());
        }
    }

    private Confirmation grant(String grantId) throws IOException {
        ServiceHttp.Answer answer = http.get(ServiceHttp.resolve(base, "internal", "projection", "grants", grantId));
        if (!answer.ok()) {
            return Confirmation.no(where(), "answered " + answer.status());
        }
        String status = answer.body().path("status").asText();
        return "REVOKED".equals(status) || "EXPIRED".equals(status)
                ? Confirmation.yes(where()) : Confirmation.no(where(), "grant status " + status);
    }

    private Confirmation watermark(URI uri, Instant expected, String what) throws IOException {
        ServiceHttp.Answer answer = http.get(uri);
        if (answer.status() == 404) {
            return Confirmation.no(where(), "no " + what + " watermark yet");
        }
        if (!answer.ok()) {
            return Confirmation.no(where(), "answered " + answer.status());
        }
        JsonNode revokedAt = answer.body().path("watermark").path("revokedAt");
        if (revokedAt.isMissingNode() || revokedAt.isNull()) {
            return Confirmation.no(where(), "no " + what + " watermark yet");
        }
        Instant watermark = Instant.parse(revokedAt.asText());
        return expected == null || !watermark.isBefore(expected) ? Confirmation.yes(where())
                : Confirmation.no(where(), what + " watermark " + watermark + " is before " + expected);
    }

    private Confirmation token(TokenDocument token) throws IOException {
        if (token.grantId() == null || token.userId() == null || token.actorChain().isEmpty()) {
            // The issuer's check takes delegated tokens only; a client-credentials token cannot be asked about.
            return new Confirmation(where(), true, "client-credentials token: the issuer offers no check for it; not waited for");
        }
        Instant asIfExpiring = clock.instant().plus(ASK_AS_IF_VALID_FOR);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("jti", token.jti());
        facts.put("parentJti", token.parentJti());
        facts.put("grantId", token.grantId());
        facts.put("userId", token.userId());
        facts.put("actorChain", token.actorChain());
        facts.put("issuedAt", token.issuedAt().toString());
        facts.put("expiresAt", (token.expiresAt().isAfter(asIfExpiring) ? token.expiresAt() : asIfExpiring).toString());
        ServiceHttp.Answer answer = http.postJson(ServiceHttp.resolve(base, "internal", "revocation", "check"), facts,
                Map.of());
        if (!answer.ok()) {
            return Confirmation.no(where(), "answered " + answer.status());
        }
        return answer.body().path("revoked").asBoolean(false) ? Confirmation.yes(where())
                : Confirmation.no(where(), "the issuer still accepts the token");
    }
}
