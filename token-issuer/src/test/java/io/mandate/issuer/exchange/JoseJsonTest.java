package io.mandate.issuer.exchange;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JoseJson} reads JSON objects into the very maps Nimbus's parser makes, or refuses (null) so
 * that Nimbus parses the token as before; {@link ParsedJws} gives the same header and claims as
 * {@link SignedJWT#parse} for the tokens the minter writes.
 */
class JoseJsonTest {

    @Property(tries = 500)
    void objectWhenAnyJsonObjectThenTheMapNimbusParses(@ForAll("objects") Map<String, Object> object) throws Exception {
        String json = JSONObjectUtils.toJSONString(object);

        assertThat(JoseJson.object(json)).isEqualTo(JSONObjectUtils.parse(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"a\":2}",                  // duplicate member: Nimbus decides (it refuses)
        "{\"a\":{\"b\":1,\"b\":1}}",          // duplicate inside a nested object
        "{\"a\":1} {}",                       // content after the object
        "{\"a\":1}x",
        "[1]", "\"s\"", "1", "null", "",      // not an object
        "{\"a\":12345678901234567890}",       // beyond a long: Gson reads a double
        "{\"a\":1e400}",                      // not finite
        "{'a':1}", "{a:1}", "{\"a\":1,}",     // lenient JSON
        "{\"a\":01}", "{\"a\":NaN}",
        "{\"a\":1 /* c */}",
        "{\"a\":\"\u0001\"}"                  // an unescaped control character
    })
    void objectWhenNotStrictlyOneObjectThenNullSoNimbusDecides(String json) {
        assertThat(JoseJson.object(json)).isNull();
    }

    @Test
    void objectWhenNumbersThenLongOrDoubleAsGsonReadsThem() throws Exception {
        String json = "{\"i\":1,\"n\":-9223372036854775808,\"d\":1.0,\"e\":1e2,\"z\":-0,\"t\":true,\"x\":null,\"l\":[\"s\",2]}";

        Map<String, Object> object = JoseJson.object(json);

        assertThat(object).isEqualTo(JSONObjectUtils.parse(json));
        assertThat(object.get("i")).isEqualTo(1L);
        assertThat(object.get("d")).isEqualTo(1.0);
        assertThat(object.get("e")).isEqualTo(100.0);
        assertThat(object).containsEntry("x", null);
    }

    @Test
    void parsedJwsWhenMintedTokensThenSameHeaderAndClaimsAsNimbus() throws Exception {
        ExchangeFixture world = new ExchangeFixture();
        String toMcp = exchange(world, "travel-agent", "travel-secret", world.userToken("alice"), "calendar-mcp");
        String upstream = exchange(world, "calendar-mcp", "mcp-secret", toMcp, ExchangeFixture.CALENDAR_API);

        String bobsIdpToken = world.userToken("bob");
        for (String token : List.of(toMcp, upstream, bobsIdpToken)) {
            ParsedJws quick = ParsedJws.parse(token);
            SignedJWT nimbus = SignedJWT.parse(token);
            assertThat(quick.header().toJSONObject()).isEqualTo(nimbus.getHeader().toJSONObject());
            assertThat(quick.header().getParsedBase64URL()).isEqualTo(nimbus.getHeader().getParsedBase64URL());
            assertThat(quick.claims().toJSONObject()).isEqualTo(nimbus.getJWTClaimsSet().toJSONObject());
            assertThat(quick.verify(world.keys.active().orElseThrow().verifier()))
                    .isEqualTo(!token.equals(bobsIdpToken));
        }
    }

    @Test
    void parsedJwsWhenHeaderHasAnotherMemberThenNimbusParsesIt() throws Exception {
        ExchangeFixture world = new ExchangeFixture();
        String token = exchange(world, "travel-agent", "travel-secret", world.userToken("alice"), "calendar-mcp");
        String[] parts = token.split("\\.");
        Map<String, Object> header = new LinkedHashMap<>(JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString()));
        header.put("crit", List.of("exp"));
        String withCrit = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "." + parts[1] + "." + parts[2];

        ParsedJws parsed = ParsedJws.parse(withCrit);

        assertThat(parsed.header().getCriticalParams()).containsExactly("exp");
        assertThat(parsed.nimbus().getHeader().toJSONObject()).isEqualTo(parsed.header().toJSONObject());
    }

    private static String exchange(ExchangeFixture world, String client, String secret, String subject, String target) {
        var authenticated = world.authentication.authenticate(world.basicCredentials(client, secret));
        return world.service.exchange(new TokenService.ExchangeRequest(subject, TokenTypes.ACCESS_TOKEN, null, null,
                        Optional.of(io.mandate.messages.grant.Scopes.parse("calendar.read")), Optional.of(target)),
                authenticated, new RefusalContext("urn:ietf:params:oauth:grant-type:token-exchange", null, null))
                .accessToken();
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return object(3);
    }

    private Arbitrary<Map<String, Object>> object(int depth) {
        Arbitrary<Object> value = depth == 0 ? leaf() : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, leaf()),
                net.jqwik.api.Tuple.of(1, object(depth - 1).map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> depth == 0 ? leaf() : leaf()).list().ofMaxSize(3)
                        .map(l -> (Object) l)));
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), value).ofMaxSize(6).map(LinkedHashMap::new);
    }

    private Arbitrary<Object> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(10).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().filter(Double::isFinite).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b));
    }
}
