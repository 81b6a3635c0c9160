package io.mandate.issuer.registration;

/**
 * A client ID metadata document that cannot be used: unreachable, too slow, too large, redirecting,
 * resolving to a private address, not JSON, naming another client_id, or outside the registration policy.
 * The message is a fixed phrase (never the document's content). At the authorization endpoint this is an
 * {@code invalid_client}-class refusal shown to the user, never a redirect to an unverified URI.
 */
public class ClientResolutionException extends RuntimeException {

    public ClientResolutionException(String message) {
        super(message, null, false, false);
    }
}
