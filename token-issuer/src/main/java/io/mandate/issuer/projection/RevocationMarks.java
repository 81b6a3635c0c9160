package io.mandate.issuer.projection;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.RevocationEvent;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocation grains wider than a grant, as three hash maps so that every question the
 * revocation decision asks is one lookup: the watermark of a user, the watermark of a client,
 * the revocation of a jti.
 *
 * <p>Idempotent twice over: an event is applied only when its sequence exceeds the last one of
 * its aggregate ({@code user:…}, {@code client:…}, {@code token:…}), and applying one is a max
 * (a watermark only rises; a jti keeps its first revocation), so applying it again or in any
 * order relative to other aggregates gives the same state.
 */
final class RevocationMarks {

    private final ConcurrentHashMap<String, Long> sequences = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Revocation> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ClientId, Revocation> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Jti, Revocation> tokens = new ConcurrentHashMap<>();

    IssuerProjection.Outcome apply(RevocationEvent event, long sequence) {
        Long last = sequences.get(event.aggregateId());
        if (last != null && last >= sequence) {
            return IssuerProjection.Outcome.ALREADY_APPLIED;
        }
        Revocation revocation = new Revocation(event.reason(), event.revokedBy(), event.revokedAt());
        if (event instanceof UserRevoked user) {
            users.merge(user.userId(), revocation, Revocation::later);
        } else if (event instanceof ClientRevoked client) {
            clients.merge(client.clientId(), revocation, Revocation::later);
        } else if (event instanceof TokenRevoked token) {
            tokens.putIfAbsent(token.jti(), revocation);
        }
        sequences.put(event.aggregateId(), sequence);  // one writer: the reader thread
        return IssuerProjection.Outcome.APPLIED;
    }

    Revocation user(UserId userId) {
        return users.get(userId);
    }

    Revocation client(ClientId clientId) {
        return clients.get(clientId);
    }

    Revocation token(Jti jti) {
        return tokens.get(jti);
    }

    int userWatermarks() {
        return users.size();
    }

    int clientWatermarks() {
        return clients.size();
    }

    int revokedTokens() {
        return tokens.size();
    }
}
