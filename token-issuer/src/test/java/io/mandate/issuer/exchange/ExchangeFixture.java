package io.mandate.issuer.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.client.AssertionVerifiers;
import io.mandate.issuer.client.ClientAuthentication;
import io.mandate.issuer.crypto.CryptoProvider;
import io.mandate.issuer.crypto.CryptoProviderSelector;
import io.mandate.issuer.keys.SigningKeys;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.revocation.RevocationState;
import io.mandate.issuer.revocation.TokenLineage;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientCredentials;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventEnvelope;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A whole token issuer without Spring or Kafka, for unit and property tests of the rules and
 * endpoints: a projection fed with the demo's clients and grants, an active signing key, a test
 * identity provider trusted as an external issuer (JWKS in a file), and a {@link FakeLedger}.
 *
 * <p>The world: {@code calendar-api} (resource server), {@code travel-agent} (agent, secret),
 * {@code research-agent} (agent, private_key_jwt), {@code calendar-mcp} (MCP server, secret);
 * alice granted travel-agent {@code calendar.read calendar.write} on the calendar API, with
 * MCP servers and agents allowed next, depth 3; bob granted research-agent {@code calendar.read}
 * with no hand-off.
 */
public final class ExchangeFixture {

    public static final String ISSUER = "http://127.0.0.1:8082";
    public static final String IDP = "https://idp.example.test";
    public static final String CALENDAR_API = "https://calendar.example/api";
    public static final String CALENDAR_MCP = "https://calendar-mcp.example/mcp";
    public static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    public final MutableClock clock = new MutableClock(START);
    public final IssuerProjection projection = new IssuerProjection();
    public final FakeLedger ledger = new FakeLedger();
    public final TokenProperties properties = new TokenProperties(Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(24));
    public final CryptoProvider provider = CryptoProviderSelector.select();
    public final SigningKeys keys = new SigningKeys(provider, projection);
    public final ClientAuthentication authentication;
    public final SubjectTokens subjects;
    public final ExchangeRules rules;
    public final TokenService service;
    public final TokenStatus status;
    public final RevocationState revocations;
    public final GrantId aliceTravelGrant = GrantId.of("grt_" + UUID.randomUUID());
    public final GrantId bobResearchGrant = GrantId.of("grt_" + UUID.randomUUID());
    public final ECKey idpKey;
    public final ECKey researchAgentKey;
    private final Map<String, Long> sequences = new HashMap<>();

    public ExchangeFixture() {
        try {
            idpKey = new ECKeyGenerator(Curve.P_256).keyID("idp-1").generate();
            researchAgentKey = new ECKeyGenerator(Curve.P_256).keyID("research-1").generate();
            Path jwks = Files.createTempFile("idp-jwks", ".json");
            Files.writeString(jwks, new JWKSet(idpKey.toPublicJWK()).toString());
            jwks.toFile().deleteOnExit();
            IssuerProperties issuer = new IssuerProperties(URI.create(ISSUER));
            ExternalIssuers external = new ExternalIssuers(new TrustedIssuersProperties(List.of(
                    new TrustedIssuersProperties.TrustedIssuer(IDP, null, jwks, List.of("mandate"), null, null))),
                    properties, provider, clock);
            keys.activate(keys.generate());
            revocations = new RevocationState(projection, new TokenLineage(clock));
            authentication = new ClientAuthentication(projection, issuer, properties, new AssertionVerifiers(provider),
                    clock);
            // With the verified-token cache on, as in production: every rule and hostile-input test
            // below also covers the cache's hit path.
            subjects = new SubjectTokens(issuer, keys, external, properties, clock,
                    new VerifiedTokens(1_000, Duration.ofSeconds(60)));
            rules = new ExchangeRules(projection, revocations, properties, ISSUER);
            status = new TokenStatus(revocations, projection, ledger, ISSUER, clock);
            service = new TokenService(rules, subjects, new TokenMinter(ISSUER), keys, ledger, projection, properties,
                    ISSUER, clock);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        seed();
    }

    private void seed() {
        client("calendar-api", ClientKind.RESOURCE_SERVER, "calendar.read calendar.write", List.of(CALENDAR_API));
        secret("calendar-api", "calendar-secret");
        client("travel-agent", ClientKind.AGENT, "calendar.read calendar.write mail.read", List.of());
        secret("travel-agent", "travel-secret");
        client("research-agent", ClientKind.AGENT, "calendar.read docs.read", List.of("https://research.example/a2a"));
        apply(new ClientCredentialsSet(ClientId.of("research-agent"), new ClientCredentials(
                TokenEndpointAuthMethod.PRIVATE_KEY_JWT, null, new JWKSet(researchAgentKey.toPublicJWK()).toString()),
                "admin", START));
        client("calendar-mcp", ClientKind.MCP_SERVER, "calendar.read calendar.write", List.of(CALENDAR_MCP));
        secret("calendar-mcp", "mcp-secret");
        apply(new GrantCreated(aliceTravelGrant, UserId.of("alice"), ClientId.of("travel-agent"), CALENDAR_API,
                Scopes.parse("calendar.read calendar.write"), new DelegationPolicy(Set.of(),
                Set.of(ClientKind.MCP_SERVER, ClientKind.AGENT), 3, Scopes.of()), null, "admin", START.minusSeconds(60)));
        apply(new GrantCreated(bobResearchGrant, UserId.of("bob"), ClientId.of("research-agent"), CALENDAR_API,
                Scopes.parse("calendar.read"), DelegationPolicy.agentOnly(), null, "admin", START.minusSeconds(60)));
    }

    public void client(String id, ClientKind kind, String scopes, List<String> resources) {
        apply(new ClientRegistered(ClientId.of(id), kind, id, "team", Scopes.parse(scopes), resources,
                RegistrationPath.ADMIN, "admin", START.minusSeconds(120)));
    }

    public void secret(String id, String secret) {
        apply(new ClientCredentialsSet(ClientId.of(id), new ClientCredentials(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC,
                ClientAuthentication.hash(secret), null), "admin", START.minusSeconds(120)));
    }

    /** Applies an event as Kafka would deliver it: the next sequence of its aggregate. */
    public void apply(MandateEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 0L, (old, ignored) -> old + 1);
        projection.apply(EventEnvelope.wrap(UUID.randomUUID().toString(), sequence, clock.instant(), event));
    }

    /** A user's access token from the trusted test identity provider. */
    public String userToken(String user) {
        return idpToken(new JWTClaimsSet.Builder().issuer(IDP).subject(user).audience("mandate")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plusSeconds(600))).build());
    }

    public String idpToken(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(idpKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(idpKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private_key_jwt assertion of research-agent (RFC 7523). */
    public String researchAssertion(String jti) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(researchAgentKey.getKeyID())
                    .build(), new JWTClaimsSet.Builder().issuer("research-agent").subject("research-agent")
                    .audience(ISSUER + "/oauth2/token").jwtID(jti).issueTime(Date.from(clock.instant()))
                    .expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
            jwt.sign(new ECDSASigner(researchAgentKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String clientId, String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public ClientAuthentication.Credentials basicCredentials(String clientId, String secret) {
        return new ClientAuthentication.Credentials(basic(clientId, secret), null, null, null, null);
    }
}
