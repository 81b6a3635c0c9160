package io.mandate.messages.grant;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.id.GrantId;

/** Events of the grant family; keyed by grant on Kafka so one grant's events stay ordered. */
public sealed interface GrantEvent extends MandateEvent permits GrantCreated, GrantRevoked, GrantExpired {

    GrantId grantId();

    @Override
    default String aggregateId() {
        return grantId().value();
    }
}
