package io.mandate.query.event;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.key.SigningKeyEvent;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.consent.ConsentDenied;
import io.mandate.messages.token.AuthorizationCodeRedeemed;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;

import java.util.List;

/**
 * The payload fields investigators filter on, per event type; a new event type adds a case here
 * (and a field to the mapping only if it brings a new kind of identifier). An event type without a
 * case is still indexed, with its envelope and payload only.
 */
record Searchable(String grantId, String userId, String agentId, String clientId, String audience,
                  List<String> scopes, String jti, String keyId, String actor, String reason) {

    private static final Searchable NONE = new Searchable(null, null, null, null, null, null, null, null, null, null);

    static Searchable of(MandateEvent payload) {
        // Java 17: no pattern matching for switch yet, hence the instanceof chain.
        if (payload instanceof GrantCreated e) {
            return new Searchable(e.grantId().value(), e.userId().value(), e.agentId().value(), null,
                    e.audience(), e.scopes().asList(), null, null, e.createdBy(), null);
        } else if (payload instanceof GrantRevoked e) {
            return grant(e.grantId().value(), e.userId().value(), e.agentId().value(), e.revokedBy(), e.reason());
        } else if (payload instanceof GrantExpired e) {
            return grant(e.grantId().value(), e.userId().value(), e.agentId().value(), null, null);
        } else if (payload instanceof ClientRegistered e) {
            return new Searchable(null, null, null, e.clientId().value(), null, e.allowedScopes().asList(), null, null,
                    e.registeredBy(), null);
        } else if (payload instanceof ClientMetadataUpdated e) {
            return new Searchable(null, null, null, e.clientId().value(), null, e.allowedScopes().asList(), null, null,
                    e.updatedBy(), null);
        } else if (payload instanceof ClientCredentialsSet e) {
            // Never the secret hash or the keys: only who set which client's credentials.
            return client(e.clientId().value(), e.setBy(), null);
        } else if (payload instanceof ClientSuspended e) {
            return client(e.clientId().value(), e.suspendedBy(), e.reason());
        } else if (payload instanceof ClientReinstated e) {
            return client(e.clientId().value(), e.reinstatedBy(), e.reason());
        } else if (payload instanceof ClientDeleted e) {
            return client(e.clientId().value(), e.deletedBy(), e.reason());
        } else if (payload instanceof ClientRevoked e) {
            return client(e.clientId().value(), e.revokedBy(), e.reason());
        } else if (payload instanceof UserRevoked e) {
            return new Searchable(null, e.userId().value(), null, null, null, null, null, null, e.revokedBy(), e.reason());
        } else if (payload instanceof TokenRevoked e) {
            return new Searchable(null, null, null, null, null, null, e.jti().value(), null, e.revokedBy(), e.reason());
        } else if (payload instanceof TokenExchanged e) {
            // agentId: the grant's agent, last in the actor chain; clientId and actor: the new holder.
            List<ClientId> chain = e.actorChain();
            return new Searchable(e.grantId().value(), e.userId().value(), chain.get(chain.size() - 1).value(),
                    e.holder().value(), e.audience(), e.scopes().asList(), e.jti().value(), e.keyId(),
                    e.holder().value(), null);
        } else if (payload instanceof AuthorizationCodeRedeemed e) {
            // The agent redeemed a code: it is the grant's agent, the holder and the actor.
            return new Searchable(e.grantId().value(), e.userId().value(), e.clientId().value(), e.clientId().value(),
                    e.audience(), e.scopes().asList(), e.jti().value(), e.keyId(), e.clientId().value(), null);
        } else if (payload instanceof ConsentDenied e) {
            // The user decided: the actor is the user; the agent that asked is both agentId and clientId.
            return new Searchable(null, e.userId().value(), e.clientId().value(), e.clientId().value(), e.resource(),
                    e.requestedScopes().asList(), null, null, "user:" + e.userId().value(), null);
        } else if (payload instanceof ClientTokenIssued e) {
            return new Searchable(null, null, null, e.clientId().value(), e.audience(), e.scopes().asList(),
                    e.jti().value(), e.keyId(), e.clientId().value(), null);
        } else if (payload instanceof TokenExchangeRefused e) {
            String clientId = value(e.clientId());
            // jti: the subject token's, so a token's investigation also finds the refusals it was presented in.
            return new Searchable(value(e.grantId()), value(e.userId()), null, clientId, null, null,
                    e.subjectTokenId(), null, clientId, e.reason());
        } else if (payload instanceof SigningKeyEvent e) {
            return new Searchable(null, null, null, null, null, null, null, e.keyId(), null, null);
        }
        return NONE;
    }

    private static Searchable grant(String grantId, String userId, String agentId, String actor, String reason) {
        return new Searchable(grantId, userId, agentId, null, null, null, null, null, actor, reason);
    }

    private static Searchable client(String clientId, String actor, String reason) {
        return new Searchable(null, null, null, clientId, null, null, null, null, actor, reason);
    }

    private static String value(ClientId id) {
        return id == null ? null : id.value();
    }

    private static String value(GrantId id) {
        return id == null ? null : id.value();
    }

    private static String value(UserId id) {
        return id == null ? null : id.value();
    }
}
