package io.mandate.command.grant;

import io.mandate.command.registry.GrantRegistry;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.GrantCommands.RevokeGrant;
import io.mandate.messages.id.GrantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Reading one grant from the command side's registry, and revoking it. */
@RestController
@RequestMapping(path = "/api/grants/{grantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class GrantRevocationController {

    private final CommandGateway commands;
    private final GrantRegistry registry;

    GrantRevocationController(CommandGateway commands, GrantRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    @Operation(summary = "Read a grant", description = "Role ADMIN or INVESTIGATOR; where POST /api/grants' Location points.")
    @GetMapping
    GrantView get(@PathVariable String grantId) {
        GrantId id = parse(grantId);
        return registry.find(id).map(GrantView::of).orElseThrow(() -> new UnknownGrantException(id));
    }

    @Operation(summary = "Revoke a grant", description = "Role ADMIN or RESPONDER. Revokes the grant and every "
            + "token issued under it. Idempotent: an already revoked (or expired) grant writes nothing, and the "
            + "answer (200) is the ending recorded before; retries with an Idempotency-Key therefore never write twice.")
    @ApiResponse(responseCode = "201", description = "GrantRevoked written")
    @ApiResponse(responseCode = "200", description = "The grant had ended already; nothing written")
    @ApiResponse(responseCode = "404", description = "No such grant")
    @PostMapping(path = "/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Revocation> revoke(@PathVariable String grantId, @Valid @RequestBody RevokeRequest body,
                                      Authentication caller) {
        GrantId id = parse(grantId);
        GrantEnding ending = commands.sendAndWait(new RevokeGrant(id, body.reason(), caller.getName()));
        return ResponseEntity.status(ending.written() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Revocation(id.value(), ending.status(), ending.at(), ending.by(), ending.reason(),
                        ending.written() ? "GrantRevoked" : null));
    }

    private static GrantId parse(String grantId) {
        try {
            return GrantId.of(grantId);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("grantId", e.getMessage());
        }
    }

    /** Why the grant is revoked; recorded in the event. */
    record RevokeRequest(@NotBlank @Size(max = GrantAggregate.MAX_REASON) String reason) {
    }

    /**
     * The grant's ending: {@code status} REVOKED (or EXPIRED if it had expired before), and
     * {@code event} names the event this request wrote, null when it wrote none.
     */
    record Revocation(String grantId, String status, Instant at, String by, String reason, String event) {
    }
}
