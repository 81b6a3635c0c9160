package io.mandate.issuer.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger writes {@link TokenExchanged} without data binding; the bytes must be the mapper's, which
 * every reader of the event store (the command-service's publisher, the aggregates, this ledger) uses.
 */
class TokenExchangedJsonTest {

    private final ObjectMapper mapper = EventCodec.newObjectMapper();
    private final TokenExchangedJson writer = new TokenExchangedJson(mapper.getFactory());

    @Property(tries = 400)
    void writeWhenAnyEventThenTheMappersBytes(@ForAll("ids") String jti, @ForAll("ids") String user,
                                              @ForAll("text") String audience, @ForAll("text") String issuer,
                                              @ForAll @Size(max = 4) List<@net.jqwik.api.From("ids") String> lineage,
                                              @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("ids") String> actors,
                                              @ForAll @Size(max = 3) List<@net.jqwik.api.From("scopeTokens") String> scopes,
                                              @ForAll boolean firstHop, @ForAll boolean withSubjectId,
                                              @ForAll("instants") Instant issuedAt, @ForAll("text") String keyId)
            throws Exception {
        List<ClientId> chain = new ArrayList<>(actors.stream().distinct().map(ClientId::of).toList());
        TokenExchanged event = new TokenExchanged(Jti.of(jti), firstHop ? null : Jti.of(jti + "-parent"),
                lineage.stream().map(Jti::of).toList(), GrantId.of("grt_" + user), UserId.of(user), chain.get(0), chain,
                audience, Scopes.of(scopes), issuer, withSubjectId ? "sha256:" + jti : null, keyId, issuedAt,
                issuedAt.plusSeconds(300));

        byte[] written = writer.write(event);

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(mapper.writeValueAsBytes(event), StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(mapper.writeValueAsBytes(event));
        assertThat(mapper.readValue(written, TokenExchanged.class)).isEqualTo(event);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("abcXYZ019-_.:/@").ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)
                        .filter(s -> s.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))));
    }

    /** RFC 6749 §3.3 scope-token characters. */
    @Provide
    Arbitrary<String> scopeTokens() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(10)
                .filter(s -> s.indexOf('"') < 0 && s.indexOf('\\') < 0);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(16),
                Arbitraries.strings().withChars("\"\\/\u2028\u0000\u001f\u007fé😀<>&").ofMaxLength(8));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond),
                Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli),
                Arbitraries.longs().between(-100_000_000_000L, 4_102_444_800L)
                        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n))));
    }
}
