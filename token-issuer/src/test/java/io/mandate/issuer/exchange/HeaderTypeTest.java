package io.mandate.issuer.exchange;

import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JOSE {@code typ} of issued tokens: at+jwt by default, JWT as a documented compatibility mode. */
class HeaderTypeTest {

    private final ExchangeFixture world = new ExchangeFixture();

    @Test
    void compatibilityModeWhenConfiguredThenTokensSayJwtAndStillVerifyAsMandates() throws Exception {
        TokenProperties compatible = new TokenProperties(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofHours(24), "JWT");
        String token = new TokenMinter(ExchangeFixture.ISSUER, compatible.headerType()).clientToken(Jti.of("j-1"),
                ClientId.of("travel-agent"), ExchangeFixture.ISSUER, Scopes.of(), world.clock.instant(),
                world.clock.instant().plusSeconds(60), world.keys.active().orElseThrow());

        assertThat(SignedJWT.parse(token).getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(subjects(compatible).verifyMandate(token, "actor_token").holder().value()).isEqualTo("travel-agent");
        // A deployment that keeps RFC 9068's type refuses it.
        assertThatThrownBy(() -> world.subjects.verifyMandate(token, "actor_token"))
                .isInstanceOfSatisfying(OAuth2ErrorException.class, e -> assertThat(e.reason())
                        .isEqualTo("actor_token_type"));
    }

    @Test
    void defaultWhenNothingConfiguredThenRfc9068TypeAndOtherValuesRefusedAtStartUp() {
        assertThat(new TokenProperties(null, null, null, null, null).headerType()).isEqualTo("at+jwt");
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenProperties(null, null, null, null, "jwt+x"));
    }

    private SubjectTokens subjects(TokenProperties properties) {
        return new SubjectTokens(new IssuerProperties(URI.create(ExchangeFixture.ISSUER)), world.keys,
                new ExternalIssuers(new TrustedIssuersProperties(List.of()), properties, world.provider, world.clock),
                properties, world.clock);
    }
}
