package io.mandate.issuer.ledger;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The authoritative revocation rules, judged against the event store's own rows at record time
 * (the issuer's projection may lag; this may not). Pure: the store is read by {@link AuthorityReader}.
 *
 * <p>A token is refused, first matching grain wins:
 * <ol>
 *   <li>GRANT: its grant has {@code GrantRevoked} or {@code GrantExpired};</li>
 *   <li>USER: a {@code UserRevoked} of its user with {@code revokedAt >= grantCreatedAt} (the
 *       watermark covers the grant, hence every token from it);</li>
 *   <li>CLIENT: a {@code ClientRevoked} of an actor with {@code revokedAt >=} that actor's {@code since};</li>
 *   <li>SUSPENDED: an actor's latest lifecycle event (highest sequence among suspended, reinstated,
 *       deleted) is {@code ClientSuspended} or {@code ClientDeleted};</li>
 *   <li>TOKEN: a jti of its lineage has {@code TokenRevoked}.</li>
 * </ol>
 * Unknown grants and clients are not refused here: the store only proves revocations, the
 * projection vouches for existence.
 */
final class AuthorityRules {

    /** The event types the rules read: {@code payload_type} is the record's class name. */
    static final List<Class<? extends MandateEvent>> TYPES = List.of(GrantRevoked.class, GrantExpired.class,
            UserRevoked.class, ClientRevoked.class, ClientSuspended.class, ClientReinstated.class,
            ClientDeleted.class, TokenRevoked.class);

    private static final List<Class<? extends MandateEvent>> LIFECYCLE =
            List.of(ClientSuspended.class, ClientReinstated.class, ClientDeleted.class);

    private AuthorityRules() {
    }

    /** The aggregates whose streams decide these checks (grant, {@code user:}, {@code client:}, bare client, {@code token:}). */
    static Set<String> aggregates(List<AuthorityCheck> checks) {
        Set<String> keys = new LinkedHashSet<>();
        for (AuthorityCheck check : checks) {
            keys.add(check.grantId().value());
            keys.add(userStream(check.userId()));
            for (ActorSince actor : check.actors()) {
                keys.add(clientRevocationStream(actor.clientId()));
                keys.add(actor.clientId().value());
            }
            for (Jti jti : check.lineage()) {
                keys.add(tokenStream(jti));
            }
        }
        return keys;
    }

    static Optional<LedgerOutcome.Refused> judge(AuthorityCheck check, AuthorityFacts facts) {
        String grant = check.grantId().value();
        List<GrantRevoked> revokedGrant = facts.events(grant, GrantRevoked.class);
        if (!revokedGrant.isEmpty()) {
            return refuse(Grain.GRANT, "grant " + grant + " revoked at " + revokedGrant.get(0).revokedAt());
        }
        List<GrantExpired> expiredGrant = facts.events(grant, GrantExpired.class);
        if (!expiredGrant.isEmpty()) {
            return refuse(Grain.GRANT, "grant " + grant + " expired at " + expiredGrant.get(0).expiredAt());
        }
        for (UserRevoked revoked : facts.events(userStream(check.userId()), UserRevoked.class)) {
            if (!revoked.revokedAt().isBefore(check.grantCreatedAt())) {
                return refuse(Grain.USER, "user " + check.userId() + " revoked at " + revoked.revokedAt());
            }
        }
        for (ActorSince actor : check.actors()) {
            for (ClientRevoked revoked : facts.events(clientRevocationStream(actor.clientId()), ClientRevoked.class)) {
                if (!revoked.revokedAt().isBefore(actor.since())) {
                    return refuse(Grain.CLIENT, "client " + actor.clientId() + " revoked at " + revoked.revokedAt());
                }
            }
        }
        for (ActorSince actor : check.actors()) {
            MandateEvent latest = facts.latest(actor.clientId().value(), LIFECYCLE);
            if (latest instanceof ClientSuspended suspended) {
                return refuse(Grain.SUSPENDED, "client " + actor.clientId() + " suspended at " + suspended.suspendedAt());
            }
            if (latest instanceof ClientDeleted deleted) {
                return refuse(Grain.SUSPENDED, "client " + actor.clientId() + " deleted at " + deleted.deletedAt());
            }
        }
        for (Jti jti : check.lineage()) {
            List<TokenRevoked> revokedToken = facts.events(tokenStream(jti), TokenRevoked.class);
            if (!revokedToken.isEmpty()) {
                return refuse(Grain.TOKEN, "token " + jti + " revoked at " + revokedToken.get(0).revokedAt());
            }
        }
        return Optional.empty();
    }

    private static Optional<LedgerOutcome.Refused> refuse(Grain grain, String reason) {
        return Optional.of(new LedgerOutcome.Refused(grain, reason));
    }

    private static String userStream(UserId user) {
        return "user:" + user.value();
    }

    private static String clientRevocationStream(ClientId client) {
        return "client:" + client.value();
    }

    static String tokenStream(Jti jti) {
        return "token:" + jti.value();
    }
}
