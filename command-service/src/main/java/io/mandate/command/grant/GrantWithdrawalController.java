package io.mandate.command.grant;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.GrantCommands.WithdrawGrant;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user withdraws their own grant, through the authorization server's account page: the
 * authorization server (role AUTHORIZATION_SERVER) names the signed-in user, and the grant is
 * revoked with {@code revokedBy = user:<userId>} only if it is that user's.
 */
@RestController
class GrantWithdrawalController {

    private final CommandGateway commands;

    GrantWithdrawalController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(summary = "Withdraw a user's own grant", description = "Role AUTHORIZATION_SERVER. Writes GrantRevoked "
            + "with the user as actor; 404 when no such grant is this user's. Idempotent like revoke.")
    @ApiResponse(responseCode = "201", description = "GrantRevoked written")
    @ApiResponse(responseCode = "200", description = "The grant had ended already; nothing written")
    @ApiResponse(responseCode = "404", description = "No such grant of this user")
    @PostMapping(path = "/api/grants/{grantId}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<GrantRevocationController.Revocation> withdraw(@PathVariable String grantId,
                                                                  @Valid @RequestBody WithdrawRequest body) {
        GrantId id = parse("grantId", () -> GrantId.of(grantId));
        UserId user = parse("userId", () -> UserId.of(body.userId()));
        GrantEnding ending = commands.sendAndWait(new WithdrawGrant(id, user, body.reason()));
        return ResponseEntity.status(ending.written() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new GrantRevocationController.Revocation(id.value(), ending.status(), ending.at(), ending.by(),
                        ending.reason(), ending.written() ? "GrantRevoked" : null));
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }

    /** Whose grant, and optionally why (default "withdrawn by the user"). */
    record WithdrawRequest(@NotBlank @Size(max = 255) String userId,
                           @Size(max = GrantAggregate.MAX_REASON) String reason) {
    }
}
