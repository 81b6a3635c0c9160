package io.mandate.issuer.login;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How users sign in to the authorization server's pages ({@code mandate.issuer.login.*}): local
 * users (Argon2id) and/or trusted external OpenID Providers (docs/authorization.md, "Signing in
 * with an external identity provider"). Checked at start-up: a mistake fails the start instead of
 * opening a way to impersonate someone.
 *
 * @param localUsers        whether local users may sign in ({@code MANDATE_LOGIN_LOCAL_USERS}, default true);
 *                          false needs at least one identity provider
 * @param identityProviders the trusted OpenID Providers, none by default
 */
@ConfigurationProperties("mandate.issuer.login")
public record LoginProperties(Boolean localUsers, List<IdentityProvider> identityProviders) {

    public LoginProperties {
        localUsers = localUsers == null || localUsers;
        identityProviders = identityProviders == null ? List.of() : List.copyOf(identityProviders);
        if (!localUsers && identityProviders.isEmpty()) {
            throw new IllegalArgumentException("mandate.issuer.login: local users are disabled and no identity "
                    + "provider is configured: nobody could sign in");
        }
        Set<String> ids = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (IdentityProvider provider : identityProviders) {
            if (!ids.add(provider.id())) {
                throw new IllegalArgumentException("identity provider id " + provider.id() + " is used twice");
            }
            boolean shared = localUsers || identityProviders.size() > 1;
            if (shared && provider.userPrefix().isEmpty()) {
                // Without a prefix, the IdP's user "alice" would be the local user "alice" (or another
                // IdP's "alice"): same grants, same tokens. Only a sole way of signing in may do without.
                throw new IllegalArgumentException("identity provider " + provider.id() + " needs a user-prefix "
                        + "(e.g. \"" + provider.id() + ":\") while local users or other providers can sign in too");
            }
            if (!prefixes.add(provider.userPrefix())) {
                throw new IllegalArgumentException("identity provider " + provider.id() + ": user-prefix "
                        + provider.userPrefix() + " is used by another provider");
            }
        }
        for (String a : prefixes) {
            for (String b : prefixes) {
                if (!a.equals(b) && !a.isEmpty() && b.startsWith(a)) {
                    throw new IllegalArgumentException("user-prefix " + b + " starts with user-prefix " + a
                            + ": users of the two providers could collide");
                }
            }
        }
    }

    /** The provider with this registration id. */
    public java.util.Optional<IdentityProvider> provider(String id) {
        return identityProviders.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Whether a local user id would fall in an identity provider's namespace (refused: it could pose as that IdP's user). */
    public boolean isProviderNamespace(String userId) {
        return identityProviders.stream().anyMatch(p -> !p.userPrefix().isEmpty() && userId.startsWith(p.userPrefix()));
    }

    /**
     * One trusted OpenID Provider.
     *
     * @param id               the registration id: lowercase letters, digits and {@code -}; part of the
     *                         sign-in and callback paths ({@code /login/idp/<id>}, {@code /login/oauth2/code/<id>})
     * @param name             shown as "Sign in with &lt;name&gt;" (default: the id)
     * @param issuer           the OpenID Provider's issuer identifier; its discovery document is read from
     *                         {@code <issuer>/.well-known/openid-configuration} and must name exactly this issuer.
     *                         https, or http on a loopback address only
     * @param clientId         Mandate's client id at the provider
     * @param clientSecret     its secret (client_secret_basic)
     * @param scopes           requested scopes; {@code openid} is always included (default openid, profile)
     * @param userClaim        the ID token claim that becomes the Mandate user id (default {@code sub})
     * @param displayNameClaim the ID token claim shown as the user's name (optional)
     * @param userPrefix       put before the claim's value, so this provider's users have a namespace of
     *                         their own (e.g. {@code kc:} turns {@code alice} into {@code kc:alice})
     * @param algorithms       JWS algorithms accepted for ID tokens (default RS256, ES256, PS256); never
     *                         {@code none} or HMAC
     */
    public record IdentityProvider(String id, String name, URI issuer, String clientId, String clientSecret,
                                   List<String> scopes, String userClaim, String displayNameClaim, String userPrefix,
                                   List<String> algorithms) {

        static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
        static final Set<String> ALLOWED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512",
                "PS256", "PS384", "PS512");

        public IdentityProvider {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("identity provider id must be 1-40 lowercase letters, digits or -: "
                        + id);
            }
            name = name == null || name.isBlank() ? id : name.strip();
            requireIssuer(id, issuer);
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("identity provider " + id + " needs client-id");
            }
            if (clientSecret == null || clientSecret.isBlank()) {
                throw new IllegalArgumentException("identity provider " + id + " needs client-secret");
            }
            Set<String> requested = new java.util.LinkedHashSet<>(List.of("openid"));
            requested.addAll(scopes == null || scopes.isEmpty() ? List.of("profile") : scopes);
            scopes = List.copyOf(requested);
            userClaim = userClaim == null || userClaim.isBlank() ? "sub" : userClaim.strip();
            displayNameClaim = displayNameClaim == null || displayNameClaim.isBlank() ? null : displayNameClaim.strip();
            userPrefix = userPrefix == null ? "" : userPrefix;
            if (userPrefix.length() > 40 || userPrefix.chars().anyMatch(c -> Character.isWhitespace(c)
                    || Character.isISOControl(c))) {
                throw new IllegalArgumentException("identity provider " + id
                        + ": user-prefix must be at most 40 characters without whitespace");
            }
            algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256", "ES256", "PS256")
                    : algorithms.stream().map(a -> a.strip().toUpperCase(Locale.ROOT)).distinct().toList();
            for (String algorithm : algorithms) {
                if (!ALLOWED_ALGORITHMS.contains(algorithm)) {
                    throw new IllegalArgumentException("identity provider " + id + ": algorithm " + algorithm
                            + " is not accepted for ID tokens (allowed: RSA, ECDSA, RSA-PSS; never none or HMAC)");
                }
            }
        }

        private static void requireIssuer(String id, URI issuer) {
            if (issuer == null || !issuer.isAbsolute() || issuer.getHost() == null || issuer.getRawQuery() != null
                    || issuer.getRawFragment() != null) {
                throw new IllegalArgumentException("identity provider " + id
                        + " needs issuer: an absolute URL without query or fragment");
            }
            if ("https".equals(issuer.getScheme())) {
                return;
            }
            if (!"http".equals(issuer.getScheme()) || !isLoopback(issuer.getHost())) {
                throw new IllegalArgumentException("identity provider " + id
                        + ": issuer must be https (http only on a loopback address, for local tests)");
            }
        }

        private static boolean isLoopback(String host) {
            if ("localhost".equalsIgnoreCase(host)) {
                return true;
            }
            try {
                // Only literal addresses: a name is not resolved here (no DNS lookups at start-up).
                return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")
                        && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /** Where the provider sends the browser back: must be registered at the provider exactly so. */
        public String callbackPath() {
            return "/login/oauth2/code/" + id;
        }

        /** Where "Sign in with &lt;name&gt;" starts. */
        public String signInPath() {
            return "/login/idp/" + id;
        }

        @Override
        public String toString() {
            return "IdentityProvider[id=" + id + ", issuer=" + issuer + ", clientId=" + clientId
                    + ", clientSecret hidden, userClaim=" + userClaim + ", userPrefix=" + userPrefix
                    + ", algorithms=" + algorithms + "]";
        }
    }
}
