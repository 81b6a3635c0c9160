package io.mandate.issuer.hostile;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.exchange.RefusalContext;
import io.mandate.issuer.exchange.TokenTypes;
import io.mandate.issuer.hostile.RequestPieces.Caller;
import io.mandate.issuer.hostile.RequestPieces.Chaos;
import io.mandate.issuer.hostile.RequestPieces.Extra;
import io.mandate.issuer.hostile.RequestPieces.Subject;
import io.mandate.issuer.hostile.RequestPieces.SubjectRecipe;
import io.mandate.issuer.hostile.RequestPieces.Targets;
import io.mandate.issuer.token.TokenEndpointHarness;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.TokenRevoked;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The world of one property: an {@link ExchangeFixture} and what its tries do to it. It presents
 * subject tokens (minting genuine ones, then spoiling them as a recipe says), builds form requests
 * with any way of authenticating and any extra parameters, and performs them, keeping the events
 * each one appended.
 */
final class HostileWorld {

    /** Past the end of every token of the world: Mandate's 5 minutes, the IdP's 10 plus 30 s of skew. */
    static final Duration PAST_EVERY_EXPIRY = Duration.ofMinutes(11);

    final ExchangeFixture world = new ExchangeFixture();
    final MockMvc mvc = TokenEndpointHarness.mockMvc(world);
    final RealTokens real = new RealTokens(world);
    final WorldModel model = new WorldModel(world);
    final ECKey attacker = Forge.ecKey(Curve.P_256, "attacker-1");
    final JWSVerifier issuerKey = world.keys.active().orElseThrow().verifier();

    // --- the subject token of a try -------------------------------------------------------------

    /**
     * The token presented, and what the genuine one it came from says: its user, and for a Mandate
     * token its claims (the parent of whatever is issued).
     */
    record Presented(String token, String user, TokenView parent) {
    }

    /** Mints the recipe's genuine token (its own, with fresh jtis), then spoils it as the recipe says. */
    Presented present(SubjectRecipe recipe) {
        Subject subject = recipe.subject();
        String genuine = switch (subject) {
            case ALICE -> world.userToken("alice");
            case BOB -> world.userToken("bob");
            case MALLORY -> world.userToken("mallory");
            case ALICE_TO_MCP -> real.aliceToMcp(recipe.scope());
            case ALICE_TO_API -> real.aliceToApi(recipe.scope());
            case ALICE_TO_RESEARCH -> real.aliceToResearch(recipe.scope());
            case RESEARCH_TO_MCP -> real.researchToMcp(real.aliceToResearch("calendar.read"), "calendar.read");
            case BOB_TO_API -> real.bobToApi();
            case TRAVEL_OWN -> real.clientToken("travel-agent", "travel-secret", "calendar.read");
            case MCP_OWN -> real.clientToken("calendar-mcp", "mcp-secret", "calendar.read");
            case GARBAGE -> recipe.garbage();
        };
        return switch (subject.kind) {
            case USER -> new Presented(spoil(genuine, recipe), subject.name().toLowerCase(java.util.Locale.ROOT), null);
            case DELEGATED, CLIENT -> {
                TokenView view = TokenView.of(genuine, issuerKey);
                yield new Presented(spoil(genuine, recipe), view.subject(), view);
            }
            case GARBAGE -> new Presented(genuine, null, null);
        };
    }

    private String spoil(String token, SubjectRecipe recipe) {
        if (recipe.spoil() == RequestPieces.Spoil.NONE) {
            return token;
        }
        boolean mandate = recipe.subject().kind != Subject.Kind.USER;
        JWTClaimsSet claims = Forge.claims(token);
        return switch (recipe.spoil()) {
            case NONE -> throw new IllegalStateException("handled above");
            case CLAIM_EDITED -> Forge.withClaims(token, escalation(recipe.bit(), claims));
            case SIGNATURE_BIT_FLIPPED -> Forge.withSignatureBitFlipped(token, recipe.bit());
            case SIGNATURE_DROPPED -> token.substring(0, token.lastIndexOf('.') + 1);
            case ALG_NONE -> Forge.unsecured(claims);
            case HMAC_WITH_PUBLIC_KEY -> Forge.hmac(claims, Forge.utf8(mandate
                    ? world.keys.active().orElseThrow().publicJwk().toJSONString()
                    : world.idpKey.toPublicJWK().toJSONString()), Forge.header(token).getKeyID());
            case FOREIGN_KEY -> signedBy(token, claims, attacker);
            case TYP_JWT -> Forge.signed(new JWSHeader.Builder(Forge.header(token)).type(JOSEObjectType.JWT).build(),
                    claims, world.keys.active().orElseThrow().signer());
            case EXPIRED -> {
                world.clock.advance(PAST_EVERY_EXPIRY);
                yield token;
            }
            case REVOKED -> {
                // The root of its lineage when it has one: revoking an ancestor revokes every descendant.
                List<String> lineage = new ArrayList<>(TokenView.of(token, issuerKey).lineage());
                String revoked = lineage.isEmpty() ? claims.getJWTID() : lineage.get(0);
                world.apply(new TokenRevoked(Jti.of(revoked), "leaked", "responder", world.clock.instant()));
                yield token;
            }
            case OVERSIZED -> {
                JWTClaimsSet padded = new JWTClaimsSet.Builder(claims).claim("padding", "x".repeat(8200)).build();
                yield mandate ? Forge.signed(Forge.header(token), padded, world.keys.active().orElseThrow().signer())
                        : world.idpToken(padded);
            }
        };
    }

    /** What a forger would change: more scope, another user, another audience, a longer chain, a later expiry. */
    private static java.util.function.Consumer<Map<String, Object>> escalation(int pick, JWTClaimsSet original) {
        return claims -> {
            switch (pick % 5) {
                case 0 -> claims.put("scope", "calendar.read calendar.write mail.read docs.read");
                case 1 -> claims.put("sub", "alice".equals(original.getSubject()) ? "bob" : "alice");
                case 2 -> claims.put("aud", ExchangeFixture.CALENDAR_MCP.equals(String.valueOf(claims.get("aud")))
                        ? ExchangeFixture.CALENDAR_API : ExchangeFixture.CALENDAR_MCP);
                case 3 -> claims.put("act", Map.of("sub", "calendar-mcp", "act", Map.of("sub", "travel-agent")));
                default -> claims.put("exp", original.getExpirationTime().getTime() / 1000 + 86_400);
            }
        };
    }

    private String signedBy(String token, JWTClaimsSet claims, ECKey key) {
        try {
            return Forge.signed(Forge.header(token), claims, new ECDSASigner(key));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- building the request -------------------------------------------------------------------

    /** A form request under construction: parameters in order, repeated ones kept. */
    static final class Form {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        String contentType = MediaType.APPLICATION_FORM_URLENCODED_VALUE;
        String query;

        /** A token request's three fixed parameters, as given (any of them may be hostile). */
        static Form tokenRequest(String grantType, String subjectToken, String subjectTokenType) {
            return new Form().add("grant_type", grantType).add("subject_token", subjectToken)
                    .add("subject_token_type", subjectTokenType);
        }

        Form add(String name, String value) {
            params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }

        MockHttpServletRequestBuilder toRequest() {
            MockHttpServletRequestBuilder request = post(query == null ? "/oauth2/token" : "/oauth2/token?" + query);
            if (contentType != null) {
                request.contentType(contentType);
            }
            headers.forEach(request::header);
            params.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
            return request;
        }
    }

    static void addTargets(Form form, Targets targets) {
        targets.audiences().forEach(value -> form.add("audience", value));
        targets.resources().forEach(value -> form.add("resource", value));
    }

    /** Adds the caller's credentials: a Basic header, a client assertion, or a hostile variant of either. */
    void authenticate(Form form, Caller caller) {
        switch (caller) {
            case TRAVEL_AGENT -> basic(form, "travel-agent", "travel-secret");
            case CALENDAR_MCP -> basic(form, "calendar-mcp", "mcp-secret");
            case CALENDAR_API -> basic(form, "calendar-api", "calendar-secret");
            case RESEARCH_AGENT -> assertion(form, real.freshAssertion());
            case WRONG_SECRET -> basic(form, "travel-agent", "mcp-secret");
            case UNKNOWN_CLIENT -> basic(form, "ghost-agent", "travel-secret");
            case RESEARCH_WITH_A_SECRET -> basic(form, "research-agent", "research-secret");
            case REPLAYED_ASSERTION -> assertion(form, usedAssertion());
            case EXPIRED_ASSERTION -> assertion(form, researchAssertion(world.researchAgentKey, -180, -120));
            case FORGED_ASSERTION -> assertion(form, researchAssertion(attacker, 0, 60));
            case BEARER_HEADER -> form.headers.put(HttpHeaders.AUTHORIZATION, "Bearer " + real.clientToken(
                    "travel-agent", "travel-secret", "calendar.read"));
            case NO_CREDENTIALS -> { }
            case SECRET_IN_FORM -> form.add("client_id", "travel-agent").add("client_secret", "travel-secret");
        }
    }

    private static void basic(Form form, String client, String secret) {
        form.headers.put(HttpHeaders.AUTHORIZATION, ExchangeFixture.basic(client, secret));
    }

    private static void assertion(Form form, String assertion) {
        form.add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add("client_assertion", assertion);
    }

    /** An assertion research-agent already used once, successfully. */
    private String usedAssertion() {
        String assertion = real.freshAssertion();
        world.service.clientCredentials(Optional.empty(), Optional.empty(), real.authenticate(assertion),
                new RefusalContext("client_credentials", null, null));
        return assertion;
    }

    /** A research-agent assertion signed by {@code key}, valid from and until the given offsets from now. */
    private String researchAssertion(ECKey key, long issuedOffset, long expiresOffset) {
        java.time.Instant now = world.clock.instant();
        try {
            JWSHeader header = new JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
                    .keyID(world.researchAgentKey.getKeyID()).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("research-agent").subject("research-agent")
                    .audience(ExchangeFixture.ISSUER + "/oauth2/token").jwtID("assertion-" + UUID.randomUUID())
                    .issueTime(Date.from(now.plusSeconds(issuedOffset)))
                    .expirationTime(Date.from(now.plusSeconds(expiresOffset))).build();
            return Forge.signed(header, claims, new ECDSASigner(key));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    void addExtra(Form form, Extra extra, Chaos request) {
        String caller = request.caller().authenticatesAs;
        switch (extra) {
            case UNKNOWN_PARAMETER -> form.add("x-unknown", "1");
            case REQUESTED_TYPE_JWT -> form.add("requested_token_type", TokenTypes.JWT);
            case CLIENT_ID_OF_THE_CALLER -> form.add("client_id", caller == null ? "travel-agent" : caller);
            case REPEATED_SUBJECT_TOKEN -> form.add("subject_token", form.params.get("subject_token").get(0));
            case REPEATED_SUBJECT_TOKEN_TYPE -> form.add("subject_token_type", TokenTypes.ACCESS_TOKEN);
            case ACTOR_TOKEN_GARBAGE -> form.add("actor_token", "x.y.z")
                    .add("actor_token_type", TokenTypes.ACCESS_TOKEN);
            case ACTOR_TOKEN_WITHOUT_TYPE -> form.add("actor_token", "x.y.z");
            case REQUESTED_TYPE_REFRESH -> form.add("requested_token_type",
                    "urn:ietf:params:oauth:token-type:refresh_token");
            case REPEATED_GRANT_TYPE -> form.add("grant_type", request.grantType());
            case REPEATED_SCOPE -> {
                form.add("scope", "calendar.read");
                if (form.params.get("scope").size() < 2) {
                    form.add("scope", "calendar.read");
                }
            }
            case CLIENT_ID_OF_ANOTHER -> form.add("client_id", "calendar-api".equals(caller) ? "travel-agent"
                    : "calendar-api");
            case CLIENT_SECRET_PARAMETER -> form.add("client_secret", "travel-secret");
            case QUERY_STRING -> form.query = "scope=calendar.read";
            case JSON_CONTENT_TYPE -> form.contentType = MediaType.APPLICATION_JSON_VALUE;
            case NO_CONTENT_TYPE -> form.contentType = null;
        }
    }

    // --- performing it --------------------------------------------------------------------------

    /** The answer, and the events the ledger recorded while the request was handled. */
    record Outcome(MockHttpServletResponse response, List<MandateEvent> appended) {

        int status() {
            return response.getStatus();
        }

        String text() {
            try {
                return status() + " " + response.getContentAsString();
            } catch (java.io.UnsupportedEncodingException e) {
                return String.valueOf(status());
            }
        }

        String label() {
            return status() == 200 ? "200" : OAuthResponses.body(response).path("error").asText("?");
        }
    }

    Outcome perform(Form form) throws Exception {
        int before = world.ledger.events().size();
        MockHttpServletResponse response = mvc.perform(form.toRequest()).andReturn().getResponse();
        return new Outcome(response, OAuthResponses.appendedSince(world, before));
    }
}
