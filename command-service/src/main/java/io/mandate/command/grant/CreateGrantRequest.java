package io.mandate.command.grant;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantOrigin;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body of {@code POST /api/grants}: syntax is checked here (Bean Validation, then the typed
 * identifiers' own rules); the grant's rules are the aggregate's.
 */
record CreateGrantRequest(
        @NotBlank @Size(max = 255) String userId,
        @NotBlank @Size(max = 255) String agentId,
        @NotBlank @Size(max = 2048) String audience,
        @NotEmpty @Size(max = 100) List<@NotBlank String> scopes,
        @NotNull @Valid Policy policy,
        Instant expiresAt,
        @Size(min = 1, max = CreateGrant.MAX_AUTHENTICATED_BY) String authenticatedBy) {

    /**
     * Who may act after the agent, and how long the chain may grow (RFC 8693 §4.4 {@code may_act}).
     *
     * @param approvalScopes optional: scopes that need a human approval before use
     */
    record Policy(
            @Size(max = 100) List<@NotBlank String> allowedNextClients,
            @Size(max = 10) List<@NotNull ClientKind> allowedNextKinds,
            @NotNull @Min(1) @Max(DelegationPolicy.MAX_DEPTH_LIMIT) Integer maxDepth,
            @Size(max = 100) List<@NotBlank String> approvalScopes) {
    }

    /** @throws InvalidFieldException naming the field whose value a typed identifier refuses */
    CreateGrant toCommand(GrantId grantId, String requestedBy) {
        if (authenticatedBy != null) {
            // Only the authorization server saw how the user signed in; an admin cannot vouch for it.
            throw new InvalidFieldException("authenticatedBy", "is recorded by the authorization server only");
        }
        return toCommand(grantId, requestedBy, GrantOrigin.ADMIN);
    }

    /** The user approved this grant on the consent page: the user is its author. */
    CreateGrant toConsentCommand(GrantId grantId) {
        UserId user = field("userId", () -> UserId.of(userId));
        return toCommand(grantId, "user:" + user.value(), GrantOrigin.CONSENT);
    }

    private CreateGrant toCommand(GrantId grantId, String requestedBy, GrantOrigin origin) {
        return new CreateGrant(grantId,
                field("userId", () -> UserId.of(userId)),
                field("agentId", () -> ClientId.of(agentId)),
                audience,
                field("scopes", () -> Scopes.of(scopes)),
                new DelegationPolicy(
                        field("policy.allowedNextClients", () -> clientIds(policy.allowedNextClients())),
                        policy.allowedNextKinds() == null ? Set.of() : Set.copyOf(policy.allowedNextKinds()),
                        policy.maxDepth(),
                        field("policy.approvalScopes", () -> policy.approvalScopes() == null
                                ? Scopes.of() : Scopes.of(policy.approvalScopes()))),
                expiresAt,
                requestedBy,
                origin,
                origin == GrantOrigin.CONSENT ? authenticatedBy : null);
    }

    private static Set<ClientId> clientIds(List<String> values) {
        Set<ClientId> ids = new HashSet<>();
        if (values != null) {
            values.forEach(value -> ids.add(ClientId.of(value)));
        }
        return ids;
    }

    private static <T> T field(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(name, e.getMessage());
        }
    }
}
