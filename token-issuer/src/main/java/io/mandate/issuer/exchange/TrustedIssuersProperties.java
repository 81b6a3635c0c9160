package io.mandate.issuer.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The company identity providers whose user tokens Mandate accepts as subject tokens of a first
 * exchange ({@code mandate.issuer.trusted-issuers[n].*}): Okta, Entra ID, Keycloak, Auth0 or any
 * OpenID Provider. A user's token proves the user is present; the grant decides what the agent
 * may get (docs/tokens.md, "Subject tokens").
 *
 * @param issuers each trusted issuer; none by default
 */
@ConfigurationProperties("mandate.issuer")
public record TrustedIssuersProperties(List<TrustedIssuer> trustedIssuers) {

    public TrustedIssuersProperties {
        trustedIssuers = trustedIssuers == null ? List.of() : List.copyOf(trustedIssuers);
    }

    /**
     * @param issuer     the exact {@code iss} value
     * @param jwksUri    where its public keys are (https, or http on loopback); or
     * @param jwksFile   a local JWK set file (for an IdP whose keys are distributed out of band)
     * @param audiences  accepted {@code aud} values: the token must name at least one
     * @param algorithms accepted JWS algorithms (default RS256, ES256, PS256, EdDSA); never none or HMAC
     * @param userClaim  the claim holding the user id (default {@code sub})
     */
    public record TrustedIssuer(String issuer, URI jwksUri, Path jwksFile, List<String> audiences,
                                List<String> algorithms, String userClaim) {

        public TrustedIssuer {
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("a trusted issuer needs its issuer value");
            }
            if ((jwksUri == null) == (jwksFile == null)) {
                throw new IllegalArgumentException("trusted issuer " + issuer + " needs exactly one of jwks-uri, jwks-file");
            }
            if (audiences == null || audiences.isEmpty()) {
                throw new IllegalArgumentException("trusted issuer " + issuer + " needs accepted audiences");
            }
            audiences = List.copyOf(audiences);
            algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256", "ES256", "PS256", "EdDSA")
                    : List.copyOf(algorithms);
            if (algorithms.stream().anyMatch(alg -> alg.equalsIgnoreCase("none") || alg.startsWith("HS"))) {
                throw new IllegalArgumentException("trusted issuer " + issuer + ": none and HMAC algorithms are refused");
            }
            userClaim = userClaim == null || userClaim.isBlank() ? "sub" : userClaim;
        }
    }
}
