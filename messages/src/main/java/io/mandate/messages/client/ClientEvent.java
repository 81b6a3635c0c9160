package io.mandate.messages.client;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.id.ClientId;

/** Events of the client family; keyed by client id on {@code mandate.clients}. */
public sealed interface ClientEvent extends MandateEvent
        permits ClientRegistered, ClientMetadataUpdated, ClientCredentialsSet, ClientSuspended, ClientReinstated, ClientDeleted {

    ClientId clientId();

    @Override
    default String aggregateId() {
        return clientId().value();
    }
}
