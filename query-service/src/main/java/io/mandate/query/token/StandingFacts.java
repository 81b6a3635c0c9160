package io.mandate.query.token;

import io.mandate.query.client.ClientDocument;
import io.mandate.query.grant.GrantDocument;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the status rule reads, gathered once for a whole set of tokens: their grants, the clients
 * in their chains (lifecycle and {@code ClientRevoked} watermark), the users' {@code UserRevoked}
 * watermarks, and the {@code TokenRevoked} instants of their jtis and ancestors. Absent entries
 * mean "nothing known": no revocation, no watermark.
 */
public record StandingFacts(Map<String, GrantDocument> grants,
                            Map<String, ClientDocument> clients,
                            Map<String, Instant> userWatermarks,
                            Map<String, Instant> revokedJtis) {

    public static final StandingFacts NONE = new StandingFacts(Map.of(), Map.of(), Map.of(), Map.of());

    public StandingFacts {
        grants = Map.copyOf(grants);
        clients = Map.copyOf(clients);
        userWatermarks = Map.copyOf(userWatermarks);
        revokedJtis = Map.copyOf(revokedJtis);
    }

    public Optional<GrantDocument> grant(String grantId) {
        return grantId == null ? Optional.empty() : Optional.ofNullable(grants.get(grantId));
    }

    public Optional<ClientDocument> client(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }

    Optional<Instant> clientWatermark(String clientId) {
        return client(clientId).map(ClientDocument::revokedAt);
    }

    public Optional<Instant> userWatermark(String userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(userWatermarks.get(userId));
    }

    Optional<Instant> tokenRevokedAt(String jti) {
        return Optional.ofNullable(revokedJtis.get(jti));
    }
}
