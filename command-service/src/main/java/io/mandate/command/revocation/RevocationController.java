package io.mandate.command.revocation;

import io.mandate.command.registry.ClientRegistry;
import io.mandate.command.web.IdempotencyKey;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.RevocationCommands.RevokeClient;
import io.mandate.messages.revocation.RevocationCommands.RevokeToken;
import io.mandate.messages.revocation.RevocationCommands.RevokeUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
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

import java.util.function.Function;

/**
 * Revocation at the grains wider than one grant: a token (and its lineage), a client (watermark
 * over every grant and token it appears in), a user (watermark over everything acting for them).
 * Roles ADMIN or RESPONDER. Idempotent: what is in force already is answered with 200 and nothing
 * is written; a retry with the same {@code Idempotency-Key} never writes a second event.
 */
@RestController
@RequestMapping(path = "/api/revocations", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class RevocationController {

    private final CommandGateway commands;
    private final ClientRegistry clients;

    RevocationController(CommandGateway commands, ClientRegistry clients) {
        this.commands = commands;
        this.clients = clients;
    }

    @Operation(summary = "Revoke a token and every token derived from it",
            description = "Role ADMIN or RESPONDER. Tokens are not registered on the command side: any jti is accepted.")
    @ApiResponse(responseCode = "201", description = "TokenRevoked written")
    @ApiResponse(responseCode = "200", description = "The token was revoked already; nothing written")
    @PostMapping("/tokens/{jti}")
    ResponseEntity<RevocationView> revokeToken(
            @PathVariable String jti, @Valid @RequestBody RevokeRequest body,
            @Parameter(description = IdempotencyKey.DESCRIPTION)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            Authentication caller) {
        Jti id = parse("jti", jti, Jti::of);
        return send(new RevokeToken(id, body.reason(), caller.getName()), key);
    }

    @Operation(summary = "Revoke a client: a watermark over every grant it holds and every token it appears in",
            description = "Role ADMIN or RESPONDER. A repeat writes a new watermark only if a grant involving the "
                    + "client was created after the latest one; otherwise it answers 200 with the latest.")
    @ApiResponse(responseCode = "201", description = "ClientRevoked written")
    @ApiResponse(responseCode = "200", description = "The latest watermark covers everything; nothing written")
    @ApiResponse(responseCode = "404", description = "No such client is registered")
    @PostMapping("/clients/{clientId}")
    ResponseEntity<RevocationView> revokeClient(
            @PathVariable String clientId, @Valid @RequestBody RevokeRequest body,
            @Parameter(description = IdempotencyKey.DESCRIPTION)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            Authentication caller) {
        ClientId id = parse("clientId", clientId, ClientId::of);
        if (clients.find(id).isEmpty()) {
            throw new UnknownClientException(id);
        }
        return send(new RevokeClient(id, body.reason(), caller.getName()), key);
    }

    @Operation(summary = "Revoke a user: a watermark over every grant they gave and every token with them as subject",
            description = "Role ADMIN or RESPONDER. Users are not registered on the command side: any user id is "
                    + "accepted. A repeat writes a new watermark only if the user granted something since the latest.")
    @ApiResponse(responseCode = "201", description = "UserRevoked written")
    @ApiResponse(responseCode = "200", description = "The latest watermark covers everything; nothing written")
    @PostMapping("/users/{userId}")
    ResponseEntity<RevocationView> revokeUser(
            @PathVariable String userId, @Valid @RequestBody RevokeRequest body,
            @Parameter(description = IdempotencyKey.DESCRIPTION)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
            Authentication caller) {
        UserId id = parse("userId", userId, UserId::of);
        return send(new RevokeUser(id, body.reason(), caller.getName()), key);
    }

    /** Parses the key only here, after the path, so a bad path variable or unknown client is still refused first. */
    private ResponseEntity<RevocationView> send(Object command, String idempotencyKeyHeader) {
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKeyHeader);
        var message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(RequestKeys.asMetaData(key == null ? null : key.value()));
        RevocationOutcome outcome;
        try {
            outcome = commands.sendAndWait(message);
        } catch (AggregateStreamCreationException e) {
            // Two requests raced to write the first revocation of this target and the other won:
            // ask again, so the aggregate answers with the revocation now stored.
            outcome = commands.sendAndWait(message);
        }
        return ResponseEntity.status(outcome.written() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(RevocationView.of(outcome));
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }
}
