package io.mandate.issuer.hostile;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mandate.issuer.exchange.ExchangeFixture;
import io.mandate.issuer.keys.SigningKey;
import io.mandate.messages.token.TokenExchangeRefused;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_API;
import static io.mandate.issuer.hostile.TokenEndpointProbe.mandateHeader;
import static io.mandate.issuer.hostile.TokenEndpointProbe.mcpExchange;
import static io.mandate.issuer.hostile.TokenEndpointProbe.travelExchange;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged, altered and out-of-date subject tokens against {@code POST /oauth2/token}: each gets
 * {@code invalid_request} (RFC 8693 §2.2.2) with the exact reason, no stack trace,
 * {@code no-store}, and leaves exactly one trace: the {@code TokenExchangeRefused} event, with no
 * token event. Forgeries reuse the claims of a real token, and a control test shows those claims
 * are accepted when signed properly, so each refusal is caused by the one thing the attack changed.
 */
class HostileSubjectTokensTest {

    final TokenEndpointProbe endpoint = new TokenEndpointProbe();
    final ExchangeFixture world = endpoint.world;
    final RealTokens real = endpoint.real;

    @Nested
    class ForgedSubjectTokens {

        /** A genuine token alice's travel-agent obtained for calendar-mcp, whose claims the forgeries reuse. */
        final String genuine = real.aliceToMcp("calendar.read");
        final JWTClaimsSet claims = Forge.claims(genuine);
        final String activeKid = world.keys.active().orElseThrow().keyId();

        @Test
        void controlWhenRealClaimsSignedByTheIssuerAsAtJwtThenTokenIssued() throws Exception {
            String resigned = Forge.signed(mandateHeader(SigningKey.ALGORITHM, Forge.AT_JWT, activeKid), claims,
                    world.keys.active().orElseThrow().signer());

            JWTClaimsSet issued = endpoint.expectIssued(mcpExchange(resigned).param("resource", CALENDAR_API));

            assertThat(issued.getSubject()).isEqualTo("alice");
        }

        @Test
        void algNoneWhenUnsecuredTokenCarriesRealClaimsThenInvalidRequest() throws Exception {
            String unsecured = Forge.unsecured(claims);

            TokenExchangeRefused refusal = endpoint.expectRefused(mcpExchange(unsecured), 400, "invalid_request",
                    "subject_token_malformed");
            assertThat(refusal.toString()).doesNotContain(unsecured);
        }

        @Test
        void algorithmConfusionWhenHs256KeyedWithTheIssuersPublicJwkThenInvalidRequest() throws Exception {
            byte[] publicJwk = Forge.utf8(world.keys.active().orElseThrow().publicJwk().toJSONString());

            endpoint.expectRefused(mcpExchange(Forge.hmac(claims, publicJwk, activeKid)), 400, "invalid_request",
                    "subject_token_algorithm");
        }

        @Test
        void algorithmConfusionWhenHs256KeyedWithTheIssuersPublicKeyDerThenInvalidRequest() throws Exception {
            byte[] der = world.keys.active().orElseThrow().publicJwk().toECPublicKey().getEncoded();

            endpoint.expectRefused(mcpExchange(Forge.hmac(claims, der, activeKid)), 400, "invalid_request",
                    "subject_token_algorithm");
        }

        @Test
        void rs256WhenSignedByAnRsaKeyUnderTheIssuersNameThenInvalidRequest() throws Exception {
            RSAKey rsa = Forge.rsaKey(activeKid);

            String forged = Forge.signed(mandateHeader(JWSAlgorithm.RS256, Forge.AT_JWT, activeKid), claims,
                    new RSASSASigner(rsa));

            endpoint.expectRefused(mcpExchange(forged), 400, "invalid_request", "subject_token_algorithm");
        }

        @Test
        void es384WhenSignedByAP384KeyUnderTheIssuersNameThenInvalidRequest() throws Exception {
            ECKey p384 = Forge.ecKey(Curve.P_384, activeKid);

            String forged = Forge.signed(mandateHeader(JWSAlgorithm.ES384, Forge.AT_JWT, activeKid), claims,
                    new ECDSASigner(p384));

            endpoint.expectRefused(mcpExchange(forged), 400, "invalid_request", "subject_token_algorithm");
        }

        @Test
        void typWhenJwtInsteadOfAtJwtThoughSignedByTheIssuersKeyThenInvalidRequest() throws Exception {
            String plainJwt = Forge.signed(mandateHeader(SigningKey.ALGORITHM, JOSEObjectType.JWT, activeKid), claims,
                    world.keys.active().orElseThrow().signer());

            endpoint.expectRefused(mcpExchange(plainJwt), 400, "invalid_request", "subject_token_type");
        }

        @Test
        void typWhenMissingThoughSignedByTheIssuersKeyThenInvalidRequest() throws Exception {
            String untyped = Forge.signed(mandateHeader(SigningKey.ALGORITHM, null, activeKid), claims,
                    world.keys.active().orElseThrow().signer());

            endpoint.expectRefused(mcpExchange(untyped), 400, "invalid_request", "subject_token_type");
        }

        @Test
        void kidWhenUnknownToTheIssuerThenInvalidRequest() throws Exception {
            ECKey attacker = Forge.ecKey(Curve.P_256, "attacker-1");

            String forged = Forge.signed(mandateHeader(SigningKey.ALGORITHM, Forge.AT_JWT, "attacker-1"), claims,
                    new ECDSASigner(attacker));

            endpoint.expectRefused(mcpExchange(forged), 400, "invalid_request", "subject_token_key_unknown");
        }

        @Test
        void kidWhenTheActiveOneButSignedByAnotherKeyThenInvalidRequest() throws Exception {
            ECKey attacker = Forge.ecKey(Curve.P_256, activeKid);

            String forged = Forge.signed(mandateHeader(SigningKey.ALGORITHM, Forge.AT_JWT, activeKid), claims,
                    new ECDSASigner(attacker));

            endpoint.expectRefused(mcpExchange(forged), 400, "invalid_request", "subject_token_signature");
        }

        @Test
        void kidWhenTheTrustedIdpsKeySignsAMandateTokenThenInvalidRequest() throws Exception {
            String crossSigned = Forge.signed(mandateHeader(SigningKey.ALGORITHM, Forge.AT_JWT,
                    world.idpKey.getKeyID()), claims, new ECDSASigner(world.idpKey));

            endpoint.expectRefused(mcpExchange(crossSigned), 400, "invalid_request", "subject_token_key_unknown");
        }

        @Test
        void issuerWhenForeignThenInvalidRequest() throws Exception {
            ECKey foreign = Forge.ecKey(Curve.P_256, "foreign-1");
            JWTClaimsSet fromElsewhere = new JWTClaimsSet.Builder(claims).issuer("https://evil.example").build();

            String forged = Forge.signed(mandateHeader(SigningKey.ALGORITHM, Forge.AT_JWT, "foreign-1"), fromElsewhere,
                    new ECDSASigner(foreign));

            endpoint.expectRefused(mcpExchange(forged), 400, "invalid_request", "subject_token_issuer_untrusted");
        }

        @Test
        void issuerWhenTheTrustedIdpsNameButAnAttackersKeyThenInvalidRequest() throws Exception {
            ECKey attacker = Forge.ecKey(Curve.P_256, world.idpKey.getKeyID());
            JWTClaimsSet claimsAlice = new JWTClaimsSet.Builder().issuer(ExchangeFixture.IDP).subject("alice")
                    .audience("mandate").jwtID("forged-1").issueTime(Date.from(world.clock.instant()))
                    .expirationTime(Date.from(world.clock.instant().plusSeconds(600))).build();

            endpoint.expectRefused(travelExchange(Forge.signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .keyID(world.idpKey.getKeyID()).type(JOSEObjectType.JWT).build(), claimsAlice,
                    new ECDSASigner(attacker))), 400, "invalid_request", "subject_token_invalid");
        }

        @Test
        void algNoneWhenTheTrustedIdpsNameThenInvalidRequest() throws Exception {
            JWTClaimsSet claimsAlice = Forge.claims(world.userToken("alice"));

            endpoint.expectRefused(travelExchange(Forge.unsecured(claimsAlice)), 400, "invalid_request",
                    "subject_token_malformed");
        }

        @Test
        void algorithmConfusionWhenHs256KeyedWithTheIdpsPublicJwkThenInvalidRequest() throws Exception {
            JWTClaimsSet claimsAlice = Forge.claims(world.userToken("alice"));
            byte[] idpPublic = Forge.utf8(world.idpKey.toPublicJWK().toJSONString());

            endpoint.expectRefused(travelExchange(Forge.hmac(claimsAlice, idpPublic, world.idpKey.getKeyID())), 400,
                    "invalid_request", "subject_token_invalid");
        }

        @Test
        void signatureWhenOneBitFlippedThenInvalidRequest() throws Exception {
            endpoint.expectRefused(mcpExchange(Forge.withSignatureBitFlipped(genuine, 77)), 400, "invalid_request",
                    "subject_token_signature");
        }

        /**
         * RFC 7515 §7.1: each segment is base64url, whose alphabet has no space, '!', '=', '+' or '/'.
         * Nimbus decodes leniently, skipping such characters, so without the strict check
         * ({@code CompactJws}) the signature segment could be rewritten into many strings that all
         * verify, and anything keyed on the token's text (the sha256 id of a user token without
         * jti, recorded as {@code subjectTokenId}) would no longer identify it.
         */
        @ParameterizedTest
        @ValueSource(strings = {"trailing-space", "inner-bang", "padding", "standard-alphabet"})
        void signatureSegmentWhenNotStrictBase64urlThenInvalidRequest(String how) throws Exception {
            String token = genuine;
            for (int i = 0; i < 50 && how.equals("standard-alphabet") && !token.substring(token.lastIndexOf('.'))
                    .matches(".*[-_].*"); i++) {
                token = real.aliceToMcp("calendar.read");
            }
            int cut = token.lastIndexOf('.') + 1;
            String signature = token.substring(cut);
            String rewritten = switch (how) {
                case "trailing-space" -> signature + " ";
                case "inner-bang" -> signature.substring(0, 10) + "!" + signature.substring(10);
                case "padding" -> signature + "==";
                default -> signature.replace('-', '+').replace('_', '/');
            };
            assertThat(rewritten).isNotEqualTo(signature);

            endpoint.expectRefused(mcpExchange(token.substring(0, cut) + rewritten), 400, "invalid_request",
                    "subject_token_*");
        }

        @Test

        void signatureSegmentOfAUserTokenWhenATrailingSpaceIsAddedThenInvalidRequest() throws Exception {
            endpoint.expectRefused(travelExchange(world.userToken("alice") + " "), 400, "invalid_request",
                    "subject_token_*");
        }

        @Test
        void sizeWhenSubjectTokenOver8KibThoughSignedByTheIssuerThenInvalidRequest() throws Exception {
            String padded = Forge.signed(mandateHeader(SigningKey.ALGORITHM, Forge.AT_JWT, activeKid),
                    new JWTClaimsSet.Builder(claims).claim("padding", "x".repeat(6200)).build(),
                    world.keys.active().orElseThrow().signer());
            assertThat(padded.length()).isGreaterThan(8192);

            endpoint.expectRefused(mcpExchange(padded), 400, "invalid_request", "subject_token_too_large");
        }
    }

    @Nested
    class AlteredAfterSigning {

        final String genuine = real.aliceToMcp("calendar.read");

        @Test
        void actWhenChainExtendedThenInvalidRequest() throws Exception {
            expectAltered(genuine, claims -> claims.put("act", Map.of("sub", "travel-agent",
                    "act", Map.of("sub", "research-agent"))));
        }

        @Test
        void audWhenSwappedToTheApiThenInvalidRequest() throws Exception {
            expectAltered(genuine, claims -> claims.put("aud", CALENDAR_API));
        }

        @Test
        void scopeWhenWidenedThenInvalidRequest() throws Exception {
            expectAltered(genuine, claims -> claims.put("scope", "calendar.read calendar.write mail.read"));
        }

        @Test
        void subWhenChangedToAnotherUserThenInvalidRequest() throws Exception {
            expectAltered(genuine, claims -> claims.put("sub", "bob"));
        }

        @Test
        void mayActWhenRedirectedToAnotherClientThenInvalidRequest() throws Exception {
            expectAltered(genuine, claims -> claims.put("may_act", Map.of("sub", "calendar-api")));
        }

        @Test
        void expWhenPushedBackThenInvalidRequest() throws Exception {
            expectAltered(genuine, claims -> claims.put("exp", ((Number) claims.get("exp")).longValue() + 86_400));
        }

        @Test
        void lineageWhenAnEntryDroppedThenInvalidRequest() throws Exception {
            String secondHop = real.researchToMcp(real.aliceToResearch("calendar.read"), "calendar.read");
            assertThat(Forge.claims(secondHop).getStringListClaim("lineage")).hasSize(1);

            expectAltered(secondHop, claims -> claims.put("lineage", List.of()));
        }

        @Test
        void headerWhenKidSwappedToTheIdpsKeyThenInvalidRequest() throws Exception {
            String swapped = Forge.withHeader(genuine, header -> header.put("kid", world.idpKey.getKeyID()));

            endpoint.expectRefused(mcpExchange(swapped), 400, "invalid_request", "subject_token_key_unknown");
        }

        private void expectAltered(String token, Consumer<Map<String, Object>> edit) throws Exception {
            String altered = Forge.withClaims(token, edit);
            assertThat(altered).isNotEqualTo(token);

            endpoint.expectRefused(mcpExchange(altered).param("resource", CALENDAR_API), 400, "invalid_request",
                    "subject_token_signature");
        }
    }

    @Nested
    class TimeBounds {

        @Test
        void expWhenMandateTokenExpiredThenInvalidRequest() throws Exception {
            String token = real.aliceToMcp("calendar.read");
            world.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

            endpoint.expectRefused(mcpExchange(token), 400, "invalid_request", "subject_token_expired");
        }

        @Test
        void iatWhenMandateTokenFromTheFutureThenInvalidRequest() throws Exception {
            String token = real.aliceToMcp("calendar.read");
            world.clock.advance(Duration.ofMinutes(-2));  // the token was issued 2 minutes "from now", skew is 30 s

            endpoint.expectRefused(mcpExchange(token), 400, "invalid_request", "subject_token_not_yet_valid");
        }

        @Test
        void expWhenUserTokenExpiredBeyondSkewThenInvalidRequest() throws Exception {
            String token = world.userToken("alice");
            world.clock.advance(Duration.ofMinutes(11));

            endpoint.expectRefused(travelExchange(token), 400, "invalid_request", "subject_token_expired");
        }

        @Test
        void nbfWhenUserTokenNotYetValidThenInvalidRequest() throws Exception {
            String token = world.idpToken(userClaims("alice").notBeforeTime(Date.from(world.clock.instant()
                    .plusSeconds(120))).build());

            endpoint.expectRefused(travelExchange(token), 400, "invalid_request", "subject_token_invalid");
        }

        @Test
        void iatWhenUserTokenIssuedAnHourAheadThenInvalidRequest() throws Exception {
            String token = world.idpToken(userClaims("alice").issueTime(Date.from(world.clock.instant()
                    .plusSeconds(3600))).expirationTime(Date.from(world.clock.instant().plusSeconds(4200))).build());

            endpoint.expectRefused(travelExchange(token), 400, "invalid_request", "subject_token_not_yet_valid");
        }

        @Test
        void audWhenUserTokenIsForAnotherAudienceThenInvalidRequest() throws Exception {
            String token = world.idpToken(userClaims("alice").audience("another-app").build());

            endpoint.expectRefused(travelExchange(token), 400, "invalid_request", "subject_token_invalid");
        }

        private JWTClaimsSet.Builder userClaims(String user) {
            return new JWTClaimsSet.Builder().issuer(ExchangeFixture.IDP).subject(user).audience("mandate")
                    .jwtID("u-" + System.nanoTime()).issueTime(Date.from(world.clock.instant()))
                    .expirationTime(Date.from(world.clock.instant().plusSeconds(600)));
        }
    }
}
