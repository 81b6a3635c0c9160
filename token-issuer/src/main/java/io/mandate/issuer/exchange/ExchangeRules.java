package io.mandate.issuer.exchange;

import io.mandate.issuer.ids.RandomIds;
import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.GrantView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.revocation.RevocationState;
import io.mandate.issuer.revocation.Verdict;
import io.mandate.issuer.token.OAuth2Error;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The delegation rules of a token exchange (docs/tokens.md, "Rules"), decided from the issuer's
 * projection only: who may act next comes from the subject token's {@code may_act} and the
 * grant's policy, never from the request; scopes only shrink (new ⊆ parent ⊆ grant ⊆ the
 * holder's allowed scopes), and asking for more is {@code invalid_scope}, never silently
 * narrowed; the chain is bounded by the policy's depth and never repeats a client. Refusals are
 * {@link OAuth2ErrorException}s carrying a reason code.
 */
public class ExchangeRules {

    /** What the client asked for, syntax already checked. */
    public record Request(Optional<Scopes> scope, Optional<String> target) {
    }

    private final IssuerProjection projection;
    private final RevocationState revocations;
    private final TokenProperties properties;
    private final Targets targets;
    private final String issuer;

    /** @param issuer this server's issuer identifier, recorded as the subject issuer of further hops */
    public ExchangeRules(IssuerProjection projection, RevocationState revocations, TokenProperties properties,
                         String issuer) {
        this.issuer = issuer;
        this.projection = projection;
        this.revocations = revocations;
        this.properties = properties;
        this.targets = new Targets(projection);
    }

    /**
     * A first hop: an agent presents its user's token from a trusted issuer. The authority is a
     * grant the user gave this agent; the user's token only proves the user is there.
     */
    public TokenPlan firstHop(ExternalSubject subject, ClientView agent, Request request, Instant now,
                              RefusalContext context) {
        context.userId(subject.userId());
        requireActive(agent);
        List<GrantView> standing = projection.grantsOf(subject.userId(), agent.clientId()).stream()
                .filter(grant -> !revocations.checkGrantStanding(grant, now).isRevoked()).toList();
        if (standing.isEmpty()) {
            throw refused(OAuth2Error.invalidGrant("No active grant from this user to this client"), "no_active_grant");
        }
        Optional<Targets.Target> target = request.target().map(this::resolve);
        OAuth2ErrorException firstRefusal = null;
        for (GrantView grant : standing) {
            Targets.Target chosen = target.orElseGet(() -> resolve(grant.audience()));
            try {
                List<ClientId> chain = List.of(agent.clientId());
                ClientId mayAct = nextActor(grant, chain, chosen);
                Scopes ceiling = withoutApproval(intersect(grant.scopes(), agent.allowedScopes()), grant);
                Scopes scopes = scopes(request.scope(), ceiling, grant, "scope_exceeds_grant");
                Instant expiresAt = earliest(now.plus(properties.accessTokenTtl()), grant.expiresAt());
                context.grantId(grant.grantId());
                return new TokenPlan(newJti(), grant, agent.clientId(), chain, List.of(), chosen.audience(), scopes,
                        mayAct, now, expiresAt, subject.issuer(), subject.tokenId(), null);
            } catch (OAuth2ErrorException e) {
                firstRefusal = firstRefusal == null ? e : firstRefusal;
            }
        }
        context.grantId(standing.get(0).grantId());
        throw firstRefusal;
    }

    /**
     * The first token of a grant a user just consented to, for the authorization code the agent
     * redeems (RFC 6749 §4.1.3): the agent is the only actor; the target (RFC 8707 {@code resource})
     * must be the grant's audience or a next actor its policy allows; the scopes are the consented
     * ones, within the grant and the agent's allowed scopes (never widened).
     */
    public TokenPlan authorizationCode(GrantView grant, ClientView agent, String resource, Scopes scopes, Jti jti,
                                       String codeId, Instant now, RefusalContext context) {
        context.userId(grant.userId());
        context.grantId(grant.grantId());
        requireActive(agent);
        if (!grant.agentId().equals(agent.clientId())) {
            throw refused(OAuth2Error.invalidGrant("The authorization code was not issued to this client"),
                    "code_client_mismatch");
        }
        Verdict standing = revocations.checkGrantStanding(grant, now);
        if (standing instanceof Verdict.Revoked revoked) {
            throw refused(OAuth2Error.invalidGrant("The grant was revoked or has ended"),
                    "revoked_" + revoked.grain().name().toLowerCase(java.util.Locale.ROOT));
        }
        Targets.Target target = resolve(resource);
        List<ClientId> chain = List.of(agent.clientId());
        ClientId mayAct = nextActor(grant, chain, target);
        Scopes ceiling = withoutApproval(intersect(grant.scopes(), agent.allowedScopes()), grant);
        Scopes granted = scopes(Optional.of(scopes), ceiling, grant, "scope_exceeds_grant");
        Instant expiresAt = earliest(now.plus(properties.accessTokenTtl()), grant.expiresAt());
        return new TokenPlan(jti, grant, agent.clientId(), chain, List.of(), target.audience(), granted, mayAct, now,
                expiresAt, issuer, "code:" + codeId, null);
    }

    /**
     * The agent presents its own authorization-code token (RFC 8693 with itself as the subject's
     * holder), as it would present its user's token from a trusted IdP: a first hop of the token's
     * grant, with the code token as the only ancestor (so revoking it revokes this one). The chain
     * does not grow; scopes and expiry stay within the code token's.
     */
    public TokenPlan ownAuthorizationCodeToken(MandateToken subject, ClientView agent, Request request, Instant now,
                                               RefusalContext context) {
        context.userId(subject.userId());
        context.grantId(subject.grantId());
        Verdict verdict = revocations.check(subject.facts(), now);
        if (verdict instanceof Verdict.Revoked revoked) {
            throw refused(OAuth2Error.invalidGrant("The subject token's delegation was revoked or has ended"),
                    "revoked_" + revoked.grain().name().toLowerCase(java.util.Locale.ROOT));
        }
        requireActive(agent);
        GrantView grant = projection.findGrant(subject.grantId()).orElseThrow();
        List<ClientId> chain = List.of(agent.clientId());
        Targets.Target target = request.target().map(this::resolve).orElseGet(() -> resolve(grant.audience()));
        ClientId mayAct = nextActor(grant, chain, target);
        Scopes ceiling = intersect(subject.scopes(), agent.allowedScopes());
        Scopes scopes = scopes(request.scope(), ceiling, grant, "scope_exceeds_parent");
        Instant expiresAt = earliest(earliest(now.plus(properties.accessTokenTtl()), grant.expiresAt()),
                subject.expiresAt());
        return new TokenPlan(newJti(), grant, agent.clientId(), chain, List.of(subject.jti()), target.audience(),
                scopes, mayAct, now, expiresAt, issuer, subject.jti().value(), subject.issuedAt());
    }

    /** A further hop: the client named by the subject token's {@code may_act} exchanges it. */
    public TokenPlan nextHop(MandateToken subject, ClientView requester, Request request, Instant now,
                             RefusalContext context) {
        if (!subject.isDelegated()) {
            throw refused(OAuth2Error.invalidRequest("subject_token acts for no user"), "subject_token_not_delegated");
        }
        context.userId(subject.userId());
        context.grantId(subject.grantId());
        Verdict verdict = revocations.check(subject.facts(), now);
        if (verdict instanceof Verdict.Revoked revoked) {
            throw refused(OAuth2Error.invalidGrant("The subject token's delegation was revoked or has ended"),
                    "revoked_" + revoked.grain().name().toLowerCase(java.util.Locale.ROOT));
        }
        GrantView grant = projection.findGrant(subject.grantId()).orElseThrow();
        if (subject.mayAct() == null) {
            throw refused(OAuth2Error.invalidGrant("The subject token may not be exchanged further"), "not_delegable");
        }
        if (!subject.mayAct().equals(requester.clientId())) {
            throw refused(OAuth2Error.invalidGrant("This client is not the one the subject token may be passed to"),
                    "actor_not_authorized");
        }
        requireActive(requester);
        if (subject.actorChain().contains(requester.clientId())) {
            throw refused(OAuth2Error.invalidGrant("A client may appear only once in a delegation chain"),
                    "actor_repeated");
        }
        List<ClientId> chain = new ArrayList<>();
        chain.add(requester.clientId());
        chain.addAll(subject.actorChain());
        DelegationPolicy policy = grant.policy();
        if (chain.size() > policy.maxDepth() || !allowedNext(policy, requester)) {
            throw refused(OAuth2Error.invalidGrant("The grant's delegation policy does not allow this hop"),
                    chain.size() > policy.maxDepth() ? "depth_exceeded" : "actor_not_allowed");
        }
        Targets.Target target = request.target().map(this::resolve).orElseGet(() -> resolve(grant.audience()));
        ClientId mayAct = nextActor(grant, chain, target);
        Scopes ceiling = intersect(subject.scopes(), requester.allowedScopes());
        Scopes scopes = scopes(request.scope(), ceiling, grant, "scope_exceeds_parent");
        Instant expiresAt = earliest(earliest(now.plus(properties.accessTokenTtl()), grant.expiresAt()),
                subject.expiresAt());
        List<Jti> lineage = new ArrayList<>(subject.lineage());
        lineage.add(subject.jti());
        return new TokenPlan(newJti(), grant, requester.clientId(), List.copyOf(chain), List.copyOf(lineage),
                target.audience(), scopes, mayAct, now, expiresAt, issuer, subject.jti().value(), subject.issuedAt());
    }

    /**
     * Whether the new token goes to the grant's resource (end of the chain: no may_act) or to a
     * next actor the policy allows with depth to spare (may_act names it). Anything else is
     * {@code invalid_target}.
     */
    private ClientId nextActor(GrantView grant, List<ClientId> chain, Targets.Target target) {
        if (target.audience().equals(grant.audience())) {
            return null;
        }
        ClientView next = target.client();
        boolean allowed = allowedNext(grant.policy(), next) && chain.size() < grant.policy().maxDepth()
                && !chain.contains(next.clientId());
        if (!allowed) {
            throw refused(OAuth2Error.invalidTarget("The grant does not cover this audience or resource"),
                    "target_not_granted");
        }
        return next.clientId();
    }

    private static boolean allowedNext(DelegationPolicy policy, ClientView client) {
        return policy.allowedNextClients().contains(client.clientId())
                || (client.kind() != null && policy.allowedNextKinds().contains(client.kind()));
    }

    private Targets.Target resolve(String value) {
        return targets.resolve(value).orElseThrow(() -> refused(
                OAuth2Error.invalidTarget("The audience or resource is not registered"), "unknown_target"));
    }

    private static Scopes scopes(Optional<Scopes> requested, Scopes ceiling, GrantView grant, String exceededReason) {
        if (requested.isEmpty()) {
            if (ceiling.isEmpty()) {
                throw refused(OAuth2Error.invalidScope("No scope is left to delegate"), "no_scope_left");
            }
            return ceiling;
        }
        Scopes asked = requested.get();
        if (!asked.isWithin(ceiling)) {
            boolean approval = asked.values().stream().anyMatch(scope -> grant.policy().approvalScopes().values()
                    .contains(scope));
            throw refused(OAuth2Error.invalidScope("The requested scope exceeds what may be delegated"),
                    approval ? "approval_required" : exceededReason);
        }
        return asked;
    }

    private static Scopes intersect(Scopes a, Scopes b) {
        if (a == null || b == null) {
            return Scopes.of();
        }
        TreeSet<String> common = new TreeSet<>(a.values());
        common.retainAll(b.values());
        return new Scopes(common);
    }

    /** Scopes that need a human approval (CIBA) never reach a token without one; approvals are not built yet. */
    private static Scopes withoutApproval(Scopes scopes, GrantView grant) {
        TreeSet<String> left = new TreeSet<>(scopes.values());
        left.removeAll(grant.policy().approvalScopes().values());
        return new Scopes(left);
    }

    private static void requireActive(ClientView client) {
        if (!client.isActive()) {
            throw refused(OAuth2Error.invalidGrant("The client is suspended"), "client_suspended");
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Jti newJti() {
        return Jti.of(RandomIds.uuid());
    }

    private static OAuth2ErrorException refused(OAuth2Error error, String reason) {
        return OAuth2ErrorException.refused(error, reason);
    }
}
