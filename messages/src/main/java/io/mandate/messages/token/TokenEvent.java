package io.mandate.messages.token;

import io.mandate.messages.MandateEvent;

/**
 * What the token endpoint decided, on {@code mandate.tokens}: one event per issued token and one
 * per refusal. The token-issuer appends them itself, in batches, to the shared event store
 * before the response leaves (docs/architecture.md, "Recording exchanges"). Each event is its
 * own one-event stream; tokens of one grant share a Kafka key so a chain stays ordered.
 */
public sealed interface TokenEvent extends MandateEvent permits TokenExchanged, ClientTokenIssued, TokenExchangeRefused,
        AuthorizationCodeRedeemed {
}
