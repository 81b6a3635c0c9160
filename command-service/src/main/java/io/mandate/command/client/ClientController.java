package io.mandate.command.client;

import io.mandate.command.registry.ClientRegistry;
import io.mandate.command.web.IdempotencyKey;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.ClientCommands.DeleteClient;
import io.mandate.messages.client.ClientCommands.RegisterClient;
import io.mandate.messages.client.ClientCommands.ReinstateClient;
import io.mandate.messages.client.ClientCommands.SetClientCredentials;
import io.mandate.messages.client.ClientCommands.SuspendClient;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.id.ClientId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * The administrators' client API. Commands go to the Client aggregate; answers are read from the
 * registry, which the same transaction updated, so they show the state the command left.
 */
@RestController
@RequestMapping(path = "/api/clients", produces = MediaType.APPLICATION_JSON_VALUE)
class ClientController {

    private final CommandGateway commands;
    private final ClientRegistry registry;

    ClientController(CommandGateway commands, ClientRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    @Operation(summary = "Register a client", description = "Role ADMIN (path ADMIN), or REGISTRAR with "
            + "registrationPath DYNAMIC_REGISTRATION or METADATA_DOCUMENT (the token-issuer's dynamic registration "
            + "and client ID metadata documents; softwareStatement {issuer, softwareId} with the first only). The client id is the idempotency key: "
            + "registering it again with the same description answers 200 and writes nothing; with another "
            + "description, or after deletion, 409. tokenEndpointAuthMethod defaults to client_secret_basic, whose "
            + "generated secret is in the 201 response as clientSecret, once (a retry gets none: rotate instead); "
            + "private_key_jwt needs jwks, public keys only.")
    @ApiResponse(responseCode = "201", description = "Client registered (with clientSecret for client_secret_basic)")
    @ApiResponse(responseCode = "200", description = "Idempotent retry: already registered as described; no secret")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClientView> register(@Valid @RequestBody RegisterClientRequest request, Authentication caller) {
        RegistrationPath path = CallerAccess.registrationPath(caller, request.registrationPath());
        NewCredentials credentials = request.toCredentials();
        RegisterClient command = request.toCommand(caller.getName(), credentials.credentials(), path);
        // The registrar never learns anything about, nor repeats, an administrator's client.
        registry.find(command.clientId()).ifPresent(existing -> CallerAccess.requireMayManage(caller, existing));
        RegisterClientOutcome outcome = send(command);
        boolean created = outcome == RegisterClientOutcome.CREATED;
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/clients/" + command.clientId().value()))
                .cacheControl(CacheControl.noStore())
                .body(view(command.clientId()).withSecret(created ? credentials.secret() : null));
    }

    @Operation(summary = "Rotate a client's credentials", description = "Role ADMIN. Replaces the token-endpoint "
            + "credentials at once (the previous secret or keys stop working), also while suspended. For "
            + "client_secret_basic the new secret is in this response as clientSecret, once. With an "
            + "Idempotency-Key, a retry of the same request answers 200 without a secret and writes nothing; "
            + "other credentials with that key are a 409. 404 unknown client, 409 deleted client.")
    @ApiResponse(responseCode = "200", description = "Credentials set (with clientSecret when this request wrote them)")
    @PostMapping(path = "/{clientId}/credentials", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClientView> rotateCredentials(
            @PathVariable String clientId, @Valid @RequestBody CredentialsRequest body,
            @Parameter(description = IdempotencyKey.DESCRIPTION)
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            Authentication caller) {
        ClientId id = parse(clientId);
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        NewCredentials credentials = body.toCredentials();
        var command = GenericCommandMessage.asCommandMessage(
                        new SetClientCredentials(id, credentials.credentials(), caller.getName()))
                .andMetaData(key == null ? MetaData.emptyInstance()
                        : MetaData.with(ClientRequestKeys.METADATA_KEY, key.value()));
        SetCredentialsOutcome outcome = commands.sendAndWait(command);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(view(id).withSecret(outcome == SetCredentialsOutcome.WRITTEN ? credentials.secret() : null));
    }

    @Operation(summary = "Update a client's metadata (RFC 7592 §2.2)", description = "Role ADMIN, or REGISTRAR for "
            + "clients registered through DYNAMIC_REGISTRATION or METADATA_DOCUMENT (403 otherwise). The body is the "
            + "whole new description; kind and owner never change. tokenEndpointAuthMethod absent keeps the current "
            + "credentials; given, they are replaced only if the method or keys differ (a new clientSecret is then in "
            + "this response, once). The same description again writes nothing. 404 unknown, 409 deleted.")
    @PutMapping(path = "/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClientView> update(@PathVariable String clientId, @Valid @RequestBody UpdateClientRequest body,
                                      Authentication caller) {
        return updateClient(clientId, body, caller);
    }

    /** The same, for client ids that do not fit a path segment (a client ID metadata document's https URL). */
    @Operation(summary = "Update a client's metadata, the id as a query parameter",
            description = "As PUT /api/clients/{clientId}, for client ids that are URLs.")
    @PutMapping(params = "clientId", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClientView> updateByParameter(@RequestParam("clientId") String clientId,
                                                 @Valid @RequestBody UpdateClientRequest body, Authentication caller) {
        return updateClient(clientId, body, caller);
    }

    private ResponseEntity<ClientView> updateClient(String clientId, UpdateClientRequest body, Authentication caller) {
        ClientId id = parse(clientId);
        CallerAccess.requireMayManage(caller, registry.find(id).orElseThrow(() -> new UnknownClientException(id)));
        NewCredentials credentials = body.toCredentials();
        UpdateClientOutcome outcome = commands.sendAndWait(body.toCommand(id, credentials, caller.getName()));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(view(id).withSecret(outcome.credentialsSet() && credentials != null ? credentials.secret() : null));
    }

    @Operation(summary = "Read a client", description = "Role ADMIN or INVESTIGATOR; 404 if never registered.")
    @GetMapping("/{clientId}")
    ClientView get(@PathVariable String clientId) {
        return view(parse(clientId));
    }

    @Operation(summary = "Suspend a client", description = "Role ADMIN. Suspending a suspended client writes nothing.")
    @PostMapping(path = "/{clientId}/suspend", consumes = MediaType.APPLICATION_JSON_VALUE)
    ClientView suspend(@PathVariable String clientId, @Valid @RequestBody ReasonRequest body, Authentication caller) {
        ClientId id = parse(clientId);
        commands.sendAndWait(new SuspendClient(id, body.reason(), caller.getName()));
        return view(id);
    }

    @Operation(summary = "Reinstate a suspended client", description = "Role ADMIN. Reinstating an active client writes nothing.")
    @PostMapping(path = "/{clientId}/reinstate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ClientView reinstate(@PathVariable String clientId, @Valid @RequestBody ReasonRequest body, Authentication caller) {
        ClientId id = parse(clientId);
        commands.sendAndWait(new ReinstateClient(id, body.reason(), caller.getName()));
        return view(id);
    }

    @Operation(summary = "Delete a client for good", description = "Role ADMIN, or REGISTRAR for a self-registered "
            + "client (RFC 7592 §2.3). The reason comes in the body "
            + "({\"reason\"}) or as ?reason=. Final: the id can never be registered again.")
    @DeleteMapping("/{clientId}")
    ClientView delete(@PathVariable String clientId, @RequestBody(required = false) ReasonRequest body,
                      @RequestParam(name = "reason", required = false) String reasonParameter, Authentication caller) {
        ClientId id = parse(clientId);
        CallerAccess.requireMayManage(caller, registry.find(id).orElseThrow(() -> new UnknownClientException(id)));
        String reason = body != null && body.reason() != null ? body.reason() : reasonParameter;
        ClientRules.requireReason(reason);
        commands.sendAndWait(new DeleteClient(id, reason, caller.getName()));
        return view(id);
    }

    private RegisterClientOutcome send(RegisterClient command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateStreamCreationException e) {
            // Another request registered this id at the same moment: ask again, so the aggregate
            // compares this description with the one now stored.
            return commands.sendAndWait(command);
        }
    }

    private ClientView view(ClientId clientId) {
        return registry.find(clientId).map(ClientView::of).orElseThrow(() -> new UnknownClientException(clientId));
    }

    private static ClientId parse(String clientId) {
        try {
            return ClientId.of(clientId);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("clientId", e.getMessage());
        }
    }
}
