package io.mandate.command.grant;

import io.mandate.command.web.IdempotencyKey;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.id.GrantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Records a user's grant to an agent as a GrantCreated event: by an administrator (origin ADMIN,
 * {@code createdBy} the admin), or by the authorization server when the user approved the consent
 * page (origin CONSENT, {@code createdBy} {@code user:<userId>}).
 */
@RestController
@RequestMapping("/api/grants")
class GrantController {

    private final CommandGateway commands;

    GrantController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(summary = "Create a grant", description = "Role ADMIN, or AUTHORIZATION_SERVER for a grant the "
            + "user consented to (recorded with origin CONSENT and createdBy user:<userId>). With an Idempotency-Key, a retry of the "
            + "same request returns the same grant (200) and a different request with the key is a 409.")
    @ApiResponse(responseCode = "201", description = "Grant created")
    @ApiResponse(responseCode = "200", description = "Idempotent retry: the grant this key created before")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<GrantReference> create(
            @Valid @RequestBody CreateGrantRequest request,
            @Parameter(description = IdempotencyKey.DESCRIPTION)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            Authentication caller) {
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        GrantId grantId = GrantIds.forRequest(caller.getName(), key);
        CreateGrant command = isAuthorizationServer(caller)
                ? request.toConsentCommand(grantId)
                : request.toCommand(grantId, caller.getName());
        CreateGrantOutcome outcome = send(command, key != null);
        HttpStatus status = outcome == CreateGrantOutcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status)
                .location(URI.create("/api/grants/" + grantId.value()))
                .body(new GrantReference(grantId.value()));
    }

    private static boolean isAuthorizationServer(Authentication caller) {
        return caller.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_AUTHORIZATION_SERVER".equals(authority.getAuthority()));
    }

    private CreateGrantOutcome send(CreateGrant command, boolean idempotent) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateStreamCreationException e) {
            if (!idempotent) {
                throw e;
            }
            // Two instances raced to create the same keyed grant and the other won: ask again, so the
            // aggregate compares this request with the grant now stored.
            return commands.sendAndWait(command);
        }
    }

    /** The response body: where to find the grant. */
    record GrantReference(String grantId) {
    }
}
