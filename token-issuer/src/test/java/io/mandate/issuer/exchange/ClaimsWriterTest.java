package io.mandate.issuer.exchange;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.messages.grant.Scopes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ClaimsWriter} writes what Nimbus wrote before it ({@code JWTClaimsSet.Builder} in the minter's
 * order, then {@code JSONObjectUtils.toJSONString}): the same members with the same bytes for any strings,
 * including quotes, backslashes, control characters, U+2028/U+2029, non-ASCII and lone surrogates. Only
 * the members' order differs: Nimbus's {@code toJSONObject()} is a hash map, the writer keeps the minter's
 * order; so the reference is Nimbus's serialisation of its own claims object re-ordered that way.
 */
class ClaimsWriterTest {

    @Property(tries = 400)
    void delegatedClaimsWhenAnyStringsThenTheBytesNimbusWrote(@ForAll("text") String issuer, @ForAll("text") String user,
                                                              @ForAll("text") String audience, @ForAll("text") String holder,
                                                              @ForAll("texts") List<String> actors,
                                                              @ForAll("texts") List<String> lineage,
                                                              @ForAll("text") String mayAct,
                                                              @ForAll("seconds") long issuedAt) {
        List<String> chain = actors.isEmpty() ? List.of(holder) : actors;
        Map<String, Object> act = nestedAct(chain);
        JWTClaimsSet.Builder nimbus = new JWTClaimsSet.Builder().issuer(issuer).subject(user).audience(List.of(audience))
                .claim("client_id", holder).claim("azp", holder).claim("scope", "calendar.read")
                .issueTime(new Date(issuedAt * 1000)).expirationTime(new Date((issuedAt + 300) * 1000)).jwtID(lineage.toString())
                .claim("act", act).claim("grant_id", mayAct).claim("lineage", lineage).claim("may_act", Map.of("sub", mayAct))
                .claim("gty", "authorization_code");

        String written = new ClaimsWriter().string("iss", issuer).string("sub", user).string("aud", audience)
                .string("client_id", holder).string("azp", holder).string("scope", "calendar.read")
                .seconds("iat", issuedAt).seconds("exp", issuedAt + 300).string("jti", lineage.toString())
                .actorChain("act", chain).string("grant_id", mayAct).strings("lineage", lineage)
                .subjectObject("may_act", mayAct).string("gty", "authorization_code").end();

        assertThat(written).isEqualTo(nimbusInMinterOrder(nimbus.build()));
    }

    @Test
    void mintedTokensWhenTwoHopsThenPayloadIsWhatNimbusWroteForTheirClaims() throws Exception {
        ExchangeFixture world = new ExchangeFixture();
        String toMcp = exchange(world, "travel-agent", "travel-secret", world.userToken("alice"), "calendar-mcp");
        String upstream = exchange(world, "calendar-mcp", "mcp-secret", toMcp, ExchangeFixture.CALENDAR_API);

        for (String token : List.of(toMcp, upstream)) {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            // The minter's former code: the builder in this order, then Nimbus's serialisation.
            JWTClaimsSet.Builder former = new JWTClaimsSet.Builder().issuer(claims.getIssuer()).subject(claims.getSubject())
                    .audience(claims.getAudience()).claim("client_id", claims.getClaim("client_id"))
                    .claim("azp", claims.getClaim("azp")).claim("scope", claims.getClaim("scope"))
                    .issueTime(claims.getIssueTime()).expirationTime(claims.getExpirationTime()).jwtID(claims.getJWTID())
                    .claim("act", claims.getClaim("act")).claim("grant_id", claims.getClaim("grant_id"))
                    .claim("lineage", claims.getClaim("lineage"));
            if (claims.getClaim("may_act") != null) {
                former.claim("may_act", Map.of("sub", claims.getJSONObjectClaim("may_act").get("sub")));
            }
            String payload = new Base64URL(token.split("\\.")[1]).decodeToString();
            assertThat(payload).isEqualTo(nimbusInMinterOrder(former.build()));
            assertThat(JSONObjectUtils.parse(payload)).isEqualTo(former.build().toJSONObject());
        }
        assertThat(SignedJWT.parse(upstream).getJWTClaimsSet().getJSONObjectClaim("act"))
                .isEqualTo(Map.of("sub", "calendar-mcp", "act", Map.of("sub", "travel-agent")));
    }

    private static String exchange(ExchangeFixture world, String client, String secret, String subject, String target) {
        AuthenticatedClient authenticated = world.authentication.authenticate(world.basicCredentials(client, secret));
        return world.service.exchange(new TokenService.ExchangeRequest(subject, TokenTypes.ACCESS_TOKEN, null, null,
                        Optional.of(Scopes.parse("calendar.read")), Optional.of(target)), authenticated,
                new RefusalContext("urn:ietf:params:oauth:grant-type:token-exchange", null, null)).accessToken();
    }

    /** The members of Nimbus's claims object, serialised by Nimbus, in the order the minter writes them. */
    static String nimbusInMinterOrder(JWTClaimsSet claims) {
        Map<String, Object> nimbus = claims.toJSONObject();
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : MINTER_ORDER) {
            if (nimbus.containsKey(name)) {
                ordered.put(name, nimbus.get(name));
            }
        }
        assertThat(ordered.keySet()).as("every claim is one the minter writes").isEqualTo(nimbus.keySet());
        return JSONObjectUtils.toJSONString(ordered);
    }

    static final List<String> MINTER_ORDER = List.of("iss", "sub", "aud", "client_id", "azp", "scope", "iat", "exp", "jti",
            "act", "grant_id", "lineage", "may_act", "gty");

    private static Map<String, Object> nestedAct(List<String> chain) {
        Map<String, Object> inner = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Map<String, Object> actor = new LinkedHashMap<>();
            actor.put("sub", chain.get(i));
            if (inner != null) {
                actor.put("act", inner);
            }
            inner = actor;
        }
        return inner;
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Character> tricky = Arbitraries.of('"', '\\', '/', '\b', '\t', '\n', '\f', '\r', '\u0000', '\u001f',
                '\u007f', '\u2028', '\u2029', '<', '>', '&', '=', '\'', 'é', '\ud83d', '\ude00', '\uffff');
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("abc-_:/.").withCharRange('\u0000', '\u0020').ofMaxLength(12),
                Arbitraries.strings().withChars("xyz").ofMaxLength(3).list().ofMaxSize(3)
                        .flatMap(parts -> tricky.list().ofSize(parts.size() + 1).map(chars -> {
                            StringBuilder s = new StringBuilder();
                            for (int i = 0; i < parts.size(); i++) {
                                s.append(chars.get(i)).append(parts.get(i));
                            }
                            return s.append(chars.get(parts.size())).toString();
                        })));
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return text().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Long> seconds() {
        return Arbitraries.longs().between(0, 4_102_444_800L);  // 1970 … 2100
    }

}
