package io.mandate.issuer.exchange;

import io.mandate.issuer.keys.SigningKey;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verified-token cache may only save work: a hit must never accept what a full verification
 * would refuse. The fixture's {@link SubjectTokens} runs with the cache on.
 */
class VerifiedTokensTest {

    private final ExchangeFixture world = new ExchangeFixture();

    @Test
    void sameTokenTwiceWhenUnchangedThenSecondAnswerEqualsFirst() {
        String user = world.userToken("alice");
        SubjectTokens.Subject first = world.subjects.verifySubject(user, TokenTypes.ACCESS_TOKEN);
        SubjectTokens.Subject second = world.subjects.verifySubject(user, TokenTypes.ACCESS_TOKEN);

        assertThat(second).isEqualTo(first);
        assertThat(((SubjectTokens.Subject.External) second).subject().userId().value()).isEqualTo("alice");
    }

    @Test
    void cachedTokenWhenExpiredThenRefusedAsExpired() {
        String token = ownToken(world.clock.instant().plusSeconds(60));
        world.subjects.verifyMandate(token, "actor_token");

        world.clock.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> world.subjects.verifyMandate(token, "actor_token"))
                .isInstanceOfSatisfying(OAuth2ErrorException.class, e -> assertThat(e.reason()).isEqualTo("actor_token_expired"));
    }

    @Test
    void cachedTokenWhenItsKeyIsNoLongerPublishedThenRefused() {
        String token = ownToken(world.clock.instant().plusSeconds(300));
        world.subjects.verifyMandate(token, "actor_token");
        String keyId = world.keys.active().orElseThrow().keyId();

        world.keys.retire(keyId, world.clock.instant().plusSeconds(1));
        world.keys.activate(world.keys.generate());
        world.clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> world.subjects.verifyMandate(token, "actor_token"))
                .isInstanceOfSatisfying(OAuth2ErrorException.class, e -> assertThat(e.reason()).isEqualTo("actor_token_key_unknown"));
    }

    @Test
    void cachedMandateTokenWhenPresentedAsIdTokenThenStillRefused() {
        String token = ownToken(world.clock.instant().plusSeconds(300));
        world.subjects.verifySubject(token, TokenTypes.ACCESS_TOKEN);

        assertThatThrownBy(() -> world.subjects.verifySubject(token, TokenTypes.ID_TOKEN))
                .isInstanceOfSatisfying(OAuth2ErrorException.class, e -> assertThat(e.reason()).isEqualTo("unsupported_token_type"));
    }

    @Test
    void cachedIdpTokenWhenPresentedAsActorTokenThenStillNotMandates() {
        String user = world.userToken("alice");
        world.subjects.verifySubject(user, TokenTypes.ACCESS_TOKEN);

        assertThatThrownBy(() -> world.subjects.verifyMandate(user, "actor_token"))
                .isInstanceOfSatisfying(OAuth2ErrorException.class, e -> assertThat(e.reason()).isEqualTo("actor_token_issuer_untrusted"));
    }

    @Test
    void entryWhenOlderThanMaxAgeThenForgottenEvenIfTokenStillValid() {
        VerifiedTokens cache = new VerifiedTokens(10, Duration.ofSeconds(60));
        Instant now = world.clock.instant();
        SubjectTokens.Subject subject = world.subjects.verifySubject(world.userToken("bob"), TokenTypes.ACCESS_TOKEN);
        cache.remember("t", subject, null, now.plusSeconds(600), now);

        assertThat(cache.find("t", now.plusSeconds(59), entry -> true)).isNotNull();
        assertThat(cache.find("t", now.plusSeconds(60), entry -> true)).isNull();
    }

    @Test
    void manyTokensWhenOverCapacityThenSizeStaysBoundedAndRecentOnesStay() {
        VerifiedTokens cache = new VerifiedTokens(100, Duration.ofSeconds(60));
        Instant now = world.clock.instant();
        SubjectTokens.Subject subject = world.subjects.verifySubject(world.userToken("bob"), TokenTypes.ACCESS_TOKEN);
        for (int i = 0; i < 1_000; i++) {
            cache.remember("token-" + i, subject, null, now.plusSeconds(600), now);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
        assertThat(cache.find("token-999", now, entry -> true)).isNotNull();
        assertThat(cache.find("token-0", now, entry -> true)).isNull();
    }

    @Test
    void disabledCacheWhenAskedThenRemembersNothing() {
        VerifiedTokens cache = VerifiedTokens.disabled();
        SubjectTokens.Subject subject = world.subjects.verifySubject(world.userToken("bob"), TokenTypes.ACCESS_TOKEN);
        cache.remember("t", subject, null, world.clock.instant().plusSeconds(600), world.clock.instant());

        assertThat(cache.find("t", world.clock.instant(), entry -> true)).isNull();
    }

    private String ownToken(Instant expiresAt) {
        SigningKey key = world.keys.active().orElseThrow();
        return new TokenMinter(ExchangeFixture.ISSUER).clientToken(Jti.of("j-" + System.nanoTime()),
                ClientId.of("travel-agent"), ExchangeFixture.ISSUER, Scopes.of(), world.clock.instant(), expiresAt, key);
    }
}
