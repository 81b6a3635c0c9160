package io.mandate.issuer.revocation;

import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Internal (role ADMIN, not part of the public API): asks this issuer's revocation decision about
 * a described token, now. The system test and the coming introspection endpoint (RFC 7662) build
 * on it; it answers for the facts given and trusts them, so it is no substitute for verifying a
 * token's signature.
 */
@RestController
@RequestMapping("/internal/revocation")
class RevocationCheckController {

    /** The JSON form of {@link TokenFacts}; syntax is checked here, invariants by TokenFacts. */
    record CheckRequest(@NotBlank String jti,
                        String parentJti,
                        @NotBlank String grantId,
                        @NotBlank String userId,
                        @NotEmpty @Size(max = DelegationPolicy.MAX_DEPTH_LIMIT) List<@NotBlank String> actorChain,
                        @NotNull Instant issuedAt,
                        @NotNull Instant expiresAt) {

        TokenFacts toFacts() {
            return new TokenFacts(Jti.of(jti), parentJti == null ? null : Jti.of(parentJti), GrantId.of(grantId),
                    UserId.of(userId), actorChain.stream().map(ClientId::of).toList(), issuedAt, expiresAt);
        }
    }

    /**
     * @param revoked false means nothing known to this issuer ends the token
     * @param grain   null when valid
     * @param reason  null when valid
     */
    record CheckResponse(String jti, boolean revoked, Grain grain, String reason, Instant checkedAt) {
    }

    private final RevocationState state;
    private final Clock clock;

    RevocationCheckController(RevocationState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    @PostMapping("/check")
    CheckResponse check(@Valid @RequestBody CheckRequest request) {
        TokenFacts facts = facts(request);
        Instant now = clock.instant();
        Verdict verdict = state.check(facts, now);
        if (verdict instanceof Verdict.Revoked revoked) {
            return new CheckResponse(request.jti(), true, revoked.grain(), revoked.reason(), now);
        }
        return new CheckResponse(request.jti(), false, null, null, now);
    }

    private static TokenFacts facts(CheckRequest request) {
        try {
            return request.toFacts();
        } catch (IllegalArgumentException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e);
        }
    }
}
