package io.mandate.issuer.registration;

import io.mandate.messages.grant.ClientKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dynamic client registration (RFC 7591/7592) and client ID metadata documents:
 * {@code mandate.issuer.registration.*}. Every value has a default that runs locally; docs/registration.md
 * lists them with their environment variables.
 *
 * @param enabled                  whether {@code /oauth2/register} answers at all
 * @param commandServiceUrl        where the command-service (the owner of the client aggregate) is
 * @param registrarUser            the command-service principal with role REGISTRAR
 * @param registrarPassword        its password (never logged)
 * @param initialAccessTokenHashes closed deployments: {@code sha256:} + base64url(SHA-256) of each accepted
 *                                 initial access token (RFC 7591 §3); empty = open registration
 * @param kinds                    which client kinds may self-register, and the most scopes each may ever hold
 * @param maxBodyBytes             the largest registration request accepted
 * @param maxRedirectUris          the most redirect URIs one client may register
 * @param requireSoftwareStatement refuse registrations without a trusted software statement
 * @param softwareStatementIssuers who may sign software statements (RFC 7591 §2.3)
 * @param metadataDocuments        client ID metadata documents (a client_id that is an https URL)
 */
@ConfigurationProperties("mandate.issuer.registration")
public record RegistrationProperties(Boolean enabled,
                                     URI commandServiceUrl,
                                     String registrarUser,
                                     String registrarPassword,
                                     List<String> initialAccessTokenHashes,
                                     Map<ClientKind, KindPolicy> kinds,
                                     Integer maxBodyBytes,
                                     Integer maxRedirectUris,
                                     Boolean requireSoftwareStatement,
                                     List<StatementIssuer> softwareStatementIssuers,
                                     MetadataDocuments metadataDocuments) {

    public RegistrationProperties {
        enabled = enabled == null || enabled;
        commandServiceUrl = commandServiceUrl == null ? URI.create("http://127.0.0.1:8081") : commandServiceUrl;
        registrarUser = registrarUser == null || registrarUser.isBlank() ? "registrar" : registrarUser;
        registrarPassword = registrarPassword == null ? "mandate-registrar" : registrarPassword;
        initialAccessTokenHashes = initialAccessTokenHashes == null ? List.of() : List.copyOf(initialAccessTokenHashes);
        for (String hash : initialAccessTokenHashes) {
            if (!hash.startsWith(BearerTokens.HASH_PREFIX)) {
                throw new IllegalArgumentException("initial-access-token-hashes: each must start with sha256:");
            }
        }
        kinds = kinds == null || kinds.isEmpty() ? defaultKinds() : new EnumMap<>(kinds);
        maxBodyBytes = maxBodyBytes == null ? 16 * 1024 : maxBodyBytes;
        maxRedirectUris = maxRedirectUris == null ? 10 : maxRedirectUris;
        requireSoftwareStatement = requireSoftwareStatement != null && requireSoftwareStatement;
        softwareStatementIssuers = softwareStatementIssuers == null ? List.of() : List.copyOf(softwareStatementIssuers);
        metadataDocuments = metadataDocuments == null ? new MetadataDocuments(null, null, null, null, null, null, null,
                null, null, null) : metadataDocuments;
    }

    /** Agents and MCP servers may join by themselves, with the demo's scopes at most; applications and APIs may not. */
    private static Map<ClientKind, KindPolicy> defaultKinds() {
        Map<ClientKind, KindPolicy> kinds = new EnumMap<>(ClientKind.class);
        List<String> demo = List.of("calendar.read", "calendar.write", "docs.read", "mail.read", "mail.send");
        kinds.put(ClientKind.AGENT, new KindPolicy(demo));
        kinds.put(ClientKind.MCP_SERVER, new KindPolicy(demo));
        return kinds;
    }

    /** Whether anyone may register without an initial access token. */
    public boolean openRegistration() {
        return initialAccessTokenHashes.isEmpty();
    }

    /** @param maxScopes the most a self-registered client of this kind may ever hold (its default too) */
    public record KindPolicy(List<String> maxScopes) {
        public KindPolicy {
            maxScopes = maxScopes == null ? List.of() : List.copyOf(maxScopes);
        }
    }

    /**
     * @param issuer   the exact {@code iss} of the statements it signs
     * @param jwksFile its public JWK set, as a file; or
     * @param jwks     its public JWK set, inline JSON
     */
    public record StatementIssuer(String issuer, Path jwksFile, String jwks) {
        public StatementIssuer {
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("a software statement issuer needs its issuer value");
            }
            if ((jwksFile == null) == (jwks == null || jwks.isBlank())) {
                throw new IllegalArgumentException("software statement issuer " + issuer
                        + " needs exactly one of jwks-file, jwks");
            }
        }
    }

    /**
     * @param enabled          resolve https client ids by fetching their document
     * @param kind             the kind a document's client registers as (default AGENT); its scopes come from
     *                         {@link #kinds()}
     * @param maxBytes         the largest document accepted (default 5 KiB)
     * @param connectTimeout   to open the connection (default 2 s)
     * @param totalTimeout     for the whole fetch, slow senders included (default 5 s)
     * @param allowedHosts     hosts (names or literal addresses) that may resolve to private, loopback or
     *                         link-local addresses; every other host must resolve to public addresses only
     * @param allowHttp        accept http:// client ids on allowed hosts (tests and local development only)
     * @param cacheMaxEntries  bound of the document cache
     * @param cacheMaxTtl      a document is fetched again after at most this long, whatever its headers say
     * @param cacheDefaultTtl  when the response says nothing about caching
     */
    public record MetadataDocuments(Boolean enabled, ClientKind kind, Integer maxBytes, Duration connectTimeout,
                                    Duration totalTimeout, Set<String> allowedHosts, Boolean allowHttp,
                                    Integer cacheMaxEntries, Duration cacheMaxTtl, Duration cacheDefaultTtl) {
        public MetadataDocuments {
            enabled = enabled == null || enabled;
            kind = kind == null ? ClientKind.AGENT : kind;
            maxBytes = maxBytes == null ? 5 * 1024 : maxBytes;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            totalTimeout = totalTimeout == null ? Duration.ofSeconds(5) : totalTimeout;
            allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
            allowHttp = allowHttp != null && allowHttp;
            cacheMaxEntries = cacheMaxEntries == null ? 1000 : cacheMaxEntries;
            cacheMaxTtl = cacheMaxTtl == null ? Duration.ofHours(1) : cacheMaxTtl;
            cacheDefaultTtl = cacheDefaultTtl == null ? Duration.ofMinutes(5) : cacheDefaultTtl;
        }
    }

    @Override
    public String toString() {
        return "RegistrationProperties[enabled=" + enabled + ", commandServiceUrl=" + commandServiceUrl
                + ", registrar=" + registrarUser + ", password redacted, initialAccessTokens="
                + initialAccessTokenHashes.size() + ", kinds=" + kinds.keySet() + "]";
    }
}
