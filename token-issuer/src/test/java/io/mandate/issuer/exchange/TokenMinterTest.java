package io.mandate.issuer.exchange;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.keys.SigningKey;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minter composes the compact JWS itself (for speed); what it composes must be exactly what
 * Nimbus would have serialised for the same header and claims (members in the minter's order, see
 * {@link ClaimsWriterTest}), and verify with the key.
 */
class TokenMinterTest {

    private final ExchangeFixture world = new ExchangeFixture();

    @Test
    void tokenIsNimbusSerialisationOfItsHeaderAndClaimsAndVerifies() throws Exception {
        SigningKey key = world.keys.active().orElseThrow();
        Instant now = world.clock.instant();
        String token = new TokenMinter(ExchangeFixture.ISSUER).clientToken(Jti.of("j-minter-1"),
                ClientId.of("travel-agent"), ExchangeFixture.CALENDAR_API, Scopes.of("calendar.read", "calendar.write"),
                now, now.plusSeconds(300), key);

        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.verify(key.verifier())).isTrue();
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(key.keyId());
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(parsed.getJWTClaimsSet().getIssuer()).isEqualTo(ExchangeFixture.ISSUER);
        assertThat(parsed.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("calendar.read calendar.write");
        // The same bytes Nimbus writes for this header and these claims (no padding, canonical parts).
        String[] parts = token.split("\\.");
        assertThat(parts[0]).isEqualTo(new com.nimbusds.jose.JWSHeader.Builder(SigningKey.ALGORITHM)
                .type(parsed.getHeader().getType()).keyID(key.keyId()).build().toBase64URL().toString());
        // The claims as Nimbus serialises them, in the minter's member order (ClaimsWriterTest).
        assertThat(new Base64URL(parts[1]).decodeToString())
                .isEqualTo(ClaimsWriterTest.nimbusInMinterOrder(parsed.getJWTClaimsSet()));
        assertThat(parts[1]).isEqualTo(Base64URL.encode(new Base64URL(parts[1]).decode()).toString());
        assertThat(parts[2]).doesNotContain("=").isEqualTo(Base64URL.encode(parsed.getSignature().decode()).toString());
        assertThat(CompactJws.isStrict(token)).isTrue();
    }

    @Test
    void twoTokensOfOneKeyShareTheHeaderButNotTheSignature() {
        SigningKey key = world.keys.active().orElseThrow();
        Instant now = world.clock.instant();
        TokenMinter minter = new TokenMinter(ExchangeFixture.ISSUER);
        String first = minter.clientToken(Jti.of("j-minter-2"), ClientId.of("travel-agent"), ExchangeFixture.ISSUER,
                Scopes.of(), now, now.plusSeconds(60), key);
        String second = minter.clientToken(Jti.of("j-minter-3"), ClientId.of("travel-agent"), ExchangeFixture.ISSUER,
                Scopes.of(), now, now.plusSeconds(60), key);

        assertThat(first.split("\\.")[0]).isEqualTo(second.split("\\.")[0]);
        assertThat(first.split("\\.")[1]).isNotEqualTo(second.split("\\.")[1]);
        assertThat(first.split("\\.")[2]).isNotEqualTo(second.split("\\.")[2]);
    }
}
