package io.mandate.messages.client;

/** How a client came to be registered; recorded on {@link ClientRegistered}. */
public enum RegistrationPath {
    /** An administrator registered it through the admin API. */
    ADMIN,
    /** Dynamic client registration (RFC 7591). */
    DYNAMIC_REGISTRATION,
    /** Resolved from a client ID metadata document (its client_id is an HTTPS URL). */
    METADATA_DOCUMENT
}
