package io.mandate.query.action;

import io.mandate.query.investigation.Target;
import io.mandate.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.Locale;

/** One-click revocation for responders: revoke, see what it cut, and know when it is in force everywhere. */
@RestController
@RequestMapping(path = "/api/actions/revoke", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "actions")
@SecurityRequirement(name = "basic")
class RevocationActionController {

    /** Keys are forwarded as {@code <responder>:<key>}, within the command-service's 255 characters. */
    private static final int MAX_IDEMPOTENCY_KEY = 160;
    private static final int MAX_RESPONDER_NAME = 64;

    private final RevocationAction action;

    RevocationActionController(RevocationAction action) {
        this.action = action;
    }

    /** Why; recorded in the revocation event with the responder's name in front. */
    record ReasonBody(@NotBlank @Size(max = 400) String reason) {
    }

    @PostMapping("/{kind}/{id}")
    @Operation(summary = "Revoke an agent, a user, a grant or a token lineage, and wait until it is in force",
            description = "Role RESPONDER. Computes the blast radius, forwards the revocation to the command-service, "
                    + "then waits (bounded, mandate.query.actions.effect-timeout) until every configured token-issuer "
                    + "and this query side show it. 200 with effective=true; 202 with effective=false and what did "
                    + "not confirm when the wait expired (the revocation is recorded either way).")
    @ApiResponse(responseCode = "200", description = "Recorded and in force in every issuer and the query side")
    @ApiResponse(responseCode = "202", description = "Recorded; not confirmed everywhere within the wait")
    @ApiResponse(responseCode = "400", description = "Unknown kind, malformed id, missing or too long reason")
    @ApiResponse(responseCode = "403", description = "Not a responder")
    @ApiResponse(responseCode = "404", description = "Nothing is known of the target")
    @ApiResponse(responseCode = "502", description = "The command-service failed or refused the service credential")
    @ApiResponse(responseCode = "503", description = "The command-service is unreachable; nothing was revoked")
    ResponseEntity<ActionResult> revoke(
            @Parameter(description = "agent, user, grant or token") @PathVariable("kind") String kind,
            @Parameter(description = "client id, user id, grant id or jti") @PathVariable("id") String id,
            @Valid @RequestBody ReasonBody body,
            @Parameter(description = "Makes retries safe: forwarded to the command-service per responder")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Authentication responder) {
        Target target = Target.parse(kind(kind), id, "id");
        ActionResult result = action.revoke(target, body.reason().strip(), name(responder), key(idempotencyKey));
        return ResponseEntity.status(result.effective() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(result);
    }

    private static Target.Kind kind(String kind) {
        return Arrays.stream(Target.Kind.values()).filter(k -> k.parameter().equals(kind.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidParameterException("kind", "must be one of agent, user, grant, token"));
    }

    private static String name(Authentication responder) {
        String name = responder.getName();
        return name.length() > MAX_RESPONDER_NAME ? name.substring(0, MAX_RESPONDER_NAME) : name;
    }

    private static String key(String header) {
        if (header == null) {
            return null;
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new InvalidParameterException("Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters");
        }
        return key;
    }
}
