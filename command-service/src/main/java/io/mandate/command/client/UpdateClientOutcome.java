package io.mandate.command.client;

/**
 * What an UpdateClientMetadata wrote: lets the API answer with a new secret only when this request
 * set new {@code client_secret_basic} credentials.
 */
record UpdateClientOutcome(boolean metadataUpdated, boolean credentialsSet) {
}
