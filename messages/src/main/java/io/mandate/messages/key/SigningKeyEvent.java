package io.mandate.messages.key;

import io.mandate.messages.MandateEvent;

/**
 * The life of a token-signing key, on {@code mandate.keys}: created → activated → retired. Every
 * token-issuer publishes the public keys of every live or recently retired key in its JWKS, so a
 * token verifies whichever instance signed it. Private keys never leave the issuer that made them.
 */
public sealed interface SigningKeyEvent extends MandateEvent
        permits SigningKeyCreated, SigningKeyActivated, SigningKeyRetired {

    String keyId();

    @Override
    default String aggregateId() {
        return "key:" + keyId();
    }
}
