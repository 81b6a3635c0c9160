package io.mandate.issuer.registration;

import java.util.Optional;

/**
 * Finds the client behind a {@code client_id} at {@code /oauth2/authorize} or the token endpoint: a
 * registered client from the projection, or, when the id is an https URL Mandate has not seen (or whose
 * cached document expired), the client its metadata document describes (draft-parecki-oauth-client-id-
 * metadata-document), registered through the command-service with path METADATA_DOCUMENT.
 */
public interface ClientResolver {

    /**
     * @return the client; empty when the id is not a URL and nobody registered it
     * @throws ClientResolutionException when the id is a URL whose document cannot be used (the message says
     *                                   why, in words safe to show the user agent)
     */
    Optional<ResolvedClient> resolve(String clientId);
}
