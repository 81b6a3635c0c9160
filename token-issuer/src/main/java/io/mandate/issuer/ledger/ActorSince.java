package io.mandate.issuer.ledger;

import io.mandate.messages.id.ClientId;

import java.time.Instant;
import java.util.Objects;

/** A client of the actor chain and the instant from which a {@code ClientRevoked} watermark covers it ({@code >=}). */
public record ActorSince(ClientId clientId, Instant since) {

    public ActorSince {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(since, "since");
    }
}
