package io.mandate.issuer.hostile;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.mandate.issuer.exchange.ExchangeFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_API;
import static io.mandate.issuer.exchange.ExchangeFixture.CALENDAR_MCP;

/**
 * One change an attacker makes to a genuine, signed token: a claim or header member set, removed or
 * duplicated, the signature damaged or borrowed, the token re-signed with the attacker's key (with
 * the key embedded in the header), segments dropped or added. {@link Untouched} is the control.
 */
sealed interface Alteration {

    /** What an alteration may need: the attacker's key and another genuine token of the same kind. */
    record Tools(ECKey attacker, Supplier<String> anotherGenuineToken) {
    }

    String apply(String token, Tools tools);

    record Untouched() implements Alteration {
        public String apply(String token, Tools tools) {
            return token;
        }
    }

    record ClaimSet(String name, Object value) implements Alteration {
        public String apply(String token, Tools tools) {
            return Forge.withClaims(token, claims -> claims.put(name, value));
        }
    }

    record ClaimRemoved(String name) implements Alteration {
        public String apply(String token, Tools tools) {
            return Forge.withClaims(token, claims -> claims.remove(name));
        }
    }

    /** A second member with the same name ahead of the first: a parser differential, if parsers disagree. */
    record ClaimDuplicated(String name, Object value) implements Alteration {
        public String apply(String token, Tools tools) {
            String[] parts = token.split("\\.", -1);
            String payload = new Base64URL(parts[1]).decodeToString();
            String member = JSONObjectUtils.toJSONString(Map.of(name, value));
            String duplicated = "{" + member.substring(1, member.length() - 1) + "," + payload.substring(1);
            return parts[0] + "." + Base64URL.encode(duplicated) + "." + parts[2];
        }
    }

    record HeaderSet(String name, Object value) implements Alteration {
        public String apply(String token, Tools tools) {
            return Forge.withHeader(token, header -> header.put(name, value));
        }
    }

    record HeaderRemoved(String name) implements Alteration {
        public String apply(String token, Tools tools) {
            return Forge.withHeader(token, header -> header.remove(name));
        }
    }

    record SignatureBitFlipped(int bit) implements Alteration {
        public String apply(String token, Tools tools) {
            return Forge.withSignatureBitFlipped(token, bit);
        }
    }

    record SignatureTruncated(int bytes) implements Alteration {
        public String apply(String token, Tools tools) {
            int cut = token.lastIndexOf('.');
            byte[] signature = new Base64URL(token.substring(cut + 1)).decode();
            return token.substring(0, cut + 1) + Base64URL.encode(Arrays.copyOf(signature,
                    Math.max(0, signature.length - bytes)));
        }
    }

    record SignatureOfAnotherToken() implements Alteration {
        public String apply(String token, Tools tools) {
            String other = tools.anotherGenuineToken().get();
            return token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
        }
    }

    /** The same header and claims signed by the attacker, optionally with its public key in the {@code jwk} header. */
    record ResignedByAttacker(boolean embedJwk) implements Alteration {
        public String apply(String token, Tools tools) {
            try {
                JWSHeader.Builder header = new JWSHeader.Builder(Forge.header(token));
                if (embedJwk) {
                    header.jwk(tools.attacker().toPublicJWK());
                }
                return Forge.signed(header.build(), Forge.claims(token), new ECDSASigner(tools.attacker()));
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Segments dropped, added or swapped. Characters outside base64url inside the signature segment
     * are not generated: Nimbus skips them, which is pinned as a (low) bug in
     * {@link HostileSubjectTokensTest}, not re-found here on every run.
     */
    record SegmentsChanged(String how) implements Alteration {
        public String apply(String token, Tools tools) {
            String[] parts = token.split("\\.", -1);
            return switch (how) {
                case "drop-signature" -> parts[0] + "." + parts[1] + ".";
                case "drop-payload" -> parts[0] + ".." + parts[2];
                case "extra-segment" -> token + "." + parts[2];
                case "swap-header-payload" -> parts[1] + "." + parts[0] + "." + parts[2];
                default -> throw new IllegalArgumentException(how);
            };
        }
    }

    // --- generators -----------------------------------------------------------------------------

    static Arbitrary<Alteration> any() {
        Arbitrary<String> claimNames = Arbitraries.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "scope", "act",
                "may_act", "client_id", "azp", "grant_id", "lineage", "cnf", "x-extra");
        Arbitrary<String> headerNames = Arbitraries.of("alg", "typ", "kid", "crit", "jwk", "jku", "x5u", "cty",
                "b64", "zip", "x-extra");
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Untouched())),
                Tuple.of(8, Combinators.combine(claimNames, jsonValues()).as(ClaimSet::new)),
                Tuple.of(2, claimNames.map(ClaimRemoved::new)),
                Tuple.of(2, Combinators.combine(claimNames, jsonValues()).as(ClaimDuplicated::new)),
                Tuple.of(5, Combinators.combine(headerNames, jsonValues()).as(HeaderSet::new)),
                Tuple.of(1, headerNames.map(HeaderRemoved::new)),
                Tuple.of(3, Arbitraries.integers().between(0, 511).map(SignatureBitFlipped::new)),
                Tuple.of(1, Arbitraries.integers().between(1, 64).map(SignatureTruncated::new)),
                Tuple.of(1, Arbitraries.just(new SignatureOfAnotherToken())),
                Tuple.of(2, Arbitraries.of(true, false).map(ResignedByAttacker::new)),
                Tuple.of(1, Arbitraries.of("drop-signature", "drop-payload", "extra-segment", "swap-header-payload")
                        .map(SegmentsChanged::new)));
    }

    /** JSON values an attacker would try: other principals, escalated scopes, algorithms, numbers, nested actors. */
    static Arbitrary<Object> jsonValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("alice", "bob", "mallory", "travel-agent", "calendar-mcp", "calendar-api",
                        "research-agent", CALENDAR_API, CALENDAR_MCP, ExchangeFixture.ISSUER, ExchangeFixture.IDP,
                        "calendar.read calendar.write mail.read docs.read", "at+jwt", "JWT", "application/at+jwt",
                        "none", "HS256", "RS256", "ES384", "ES512", "EdDSA", "es256", "ES256 ", "idp-1", "", "DEF")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(20)),
                Tuple.of(2, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.of(true, false, 0.5d, -1)),
                Tuple.of(2, Arbitraries.of(List.of(), List.of("alice", "bob"), List.of(CALENDAR_API, CALENDAR_MCP),
                        List.of("exp"), List.of("b64"), List.of(1, 2))),
                Tuple.of(2, Arbitraries.of(Map.of(), Map.of("sub", "travel-agent"), Map.of("sub", 42),
                        Map.of("sub", "calendar-mcp", "act", Map.of("sub", "travel-agent")),
                        Map.of("sub", "travel-agent", "act", Map.of("sub", "travel-agent")))));
    }

    /** For messages: a short, printable description of the altered token's header and claims. */
    static String describe(String token) {
        String[] parts = token.split("\\.", -1);
        try {
            return parts.length < 2 ? token : JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString()) + " "
                    + new Base64URL(parts[1]).decodeToString();
        } catch (ParseException | RuntimeException e) {
            return token.length() > 200 ? token.substring(0, 200) + "…" : token;
        }
    }
}
