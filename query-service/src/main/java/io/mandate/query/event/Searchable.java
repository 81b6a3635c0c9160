package io.mandate.query.event;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;

import java.util.List;

/**
 * The payload fields investigators filter on, per event type; a new event type adds a case here
 * (and a field to the mapping only if it brings a new kind of identifier).
 */
record Searchable(String grantId, String userId, String agentId, String clientId, String audience,
                  List<String> scopes, String jti, String actor, String reason) {

    private static final Searchable NONE = new Searchable(null, null, null, null, null, null, null, null, null);

    static Searchable of(MandateEvent payload) {
        // Java 17: no pattern matching for switch yet, hence the instanceof chain.
        if (payload instanceof GrantCreated e) {
            return new Searchable(e.grantId().value(), e.userId().value(), e.agentId().value(), null,
                    e.audience(), e.scopes().asList(), null, e.createdBy(), null);
        } else if (payload instanceof GrantRevoked e) {
            return grant(e.grantId().value(), e.userId().value(), e.agentId().value(), e.revokedBy(), e.reason());
        } else if (payload instanceof GrantExpired e) {
            return grant(e.grantId().value(), e.userId().value(), e.agentId().value(), null, null);
        } else if (payload instanceof ClientRegistered e) {
            return new Searchable(null, null, null, e.clientId().value(), null, e.allowedScopes().asList(), null,
                    e.registeredBy(), null);
        } else if (payload instanceof ClientSuspended e) {
            return client(e.clientId().value(), e.suspendedBy(), e.reason());
        } else if (payload instanceof ClientReinstated e) {
            return client(e.clientId().value(), e.reinstatedBy(), e.reason());
        } else if (payload instanceof ClientDeleted e) {
            return client(e.clientId().value(), e.deletedBy(), e.reason());
        } else if (payload instanceof ClientRevoked e) {
            return client(e.clientId().value(), e.revokedBy(), e.reason());
        } else if (payload instanceof UserRevoked e) {
            return new Searchable(null, e.userId().value(), null, null, null, null, null, e.revokedBy(), e.reason());
        } else if (payload instanceof TokenRevoked e) {
            return new Searchable(null, null, null, null, null, null, e.jti().value(), e.revokedBy(), e.reason());
        }
        return NONE;
    }

    private static Searchable grant(String grantId, String userId, String agentId, String actor, String reason) {
        return new Searchable(grantId, userId, agentId, null, null, null, null, actor, reason);
    }

    private static Searchable client(String clientId, String actor, String reason) {
        return new Searchable(null, null, null, clientId, null, null, null, actor, reason);
    }
}
