package io.mandate.serviceauth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedCredentialsTest {

    private final StepClock clock = new StepClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final VerifiedCredentials<String> cache = new VerifiedCredentials<>(Duration.ofSeconds(60), 3, clock);

    @Test
    void lookupWhenSameUserAndPasswordWereVerifiedThenHit() {
        cache.remember("investigator", "s3cret", "principal-investigator");

        assertThat(cache.lookup("investigator", "s3cret")).contains("principal-investigator");
    }

    @Test
    void lookupWhenWrongPasswordAfterTheRightOneThenMiss() {
        cache.remember("investigator", "s3cret", "principal-investigator");

        assertThat(cache.lookup("investigator", "s3cret ")).isEmpty();
        assertThat(cache.lookup("investigator", "S3cret")).isEmpty();
        assertThat(cache.lookup("investigator", "")).isEmpty();
        // the miss does not evict the verified entry
        assertThat(cache.lookup("investigator", "s3cret")).contains("principal-investigator");
    }

    @Test
    void lookupWhenAnotherUserSendsTheSamePasswordThenMiss() {
        cache.remember("investigator", "shared-password", "principal-investigator");

        assertThat(cache.lookup("responder", "shared-password")).isEmpty();
        assertThat(cache.lookup("admin", "shared-password")).isEmpty();
    }

    @Test
    void lookupWhenUsernameAndPasswordSplitDifferentlyThenMiss() {
        cache.remember("ab", "c", "principal-ab");

        assertThat(cache.lookup("a", "bc")).isEmpty();
    }

    @Test
    void lookupWhenTheEntryExpiredThenMissAndDropped() {
        cache.remember("investigator", "s3cret", "principal-investigator");
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.lookup("investigator", "s3cret")).isPresent();

        clock.advance(Duration.ofSeconds(1));

        assertThat(cache.lookup("investigator", "s3cret")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void rememberWhenVerifiedAgainThenTheTimeToLiveRestarts() {
        cache.remember("investigator", "s3cret", "first");
        clock.advance(Duration.ofSeconds(50));
        cache.remember("investigator", "s3cret", "second");
        clock.advance(Duration.ofSeconds(50));

        assertThat(cache.lookup("investigator", "s3cret")).contains("second");
    }

    @Test
    void rememberWhenFullOfFreshEntriesThenNotRememberedButOthersKept() {
        cache.remember("a", "pa", "A");
        cache.remember("b", "pb", "B");
        cache.remember("c", "pc", "C");

        cache.remember("d", "pd", "D");

        assertThat(cache.lookup("d", "pd")).isEmpty();
        assertThat(cache.lookup("a", "pa")).contains("A");
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void rememberWhenFullButSomeExpiredThenTheyMakeRoom() {
        cache.remember("a", "pa", "A");
        cache.remember("b", "pb", "B");
        clock.advance(Duration.ofSeconds(30));
        cache.remember("c", "pc", "C");
        clock.advance(Duration.ofSeconds(31)); // a and b expired, c still fresh

        cache.remember("d", "pd", "D");

        assertThat(cache.lookup("d", "pd")).contains("D");
        assertThat(cache.lookup("c", "pc")).contains("C");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void constructorWhenTimeToLiveNotPositiveThenRefused() {
        assertThatThrownBy(() -> new VerifiedCredentials<>(Duration.ZERO, 3, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedCredentials<>(Duration.ofSeconds(1), 0, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
