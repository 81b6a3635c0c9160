package io.mandate.issuer.revocation;

import io.mandate.messages.id.Jti;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.mandate.issuer.projection.TestEvents.T0;
import static io.mandate.issuer.revocation.TestTokens.aToken;
import static io.mandate.issuer.revocation.TestTokens.exchangedFrom;
import static org.assertj.core.api.Assertions.assertThat;

class TokenLineageTest {

    private final MutableClock clock = new MutableClock(T0);
    private final TokenLineage lineage = new TokenLineage(clock);

    @Test
    void recordIssuedWhenTokenRecordedThenItsParentAndGrantAreFound() {
        TokenFacts root = aToken().build();
        TokenFacts child = exchangedFrom(root, "jti-child", "mcp-1").build();

        lineage.recordIssued(root);
        lineage.recordIssued(child);

        assertThat(lineage.find(Jti.of("jti-child")).parentJti()).isEqualTo(root.jti());
        assertThat(lineage.find(Jti.of("jti-child")).grantId()).isEqualTo(root.grantId());
        assertThat(lineage.find(root.jti()).parentJti()).isNull();
    }

    @Test
    void recordIssuedWhenOthersHaveExpiredThenOnlyTheExpiredAreEvicted() {
        TokenFacts shortLived = aToken().jti("jti-short").issuedAt(T0).lifetime(Duration.ofMinutes(1)).build();
        TokenFacts longLived = aToken().jti("jti-long").issuedAt(T0).lifetime(Duration.ofMinutes(30)).build();
        lineage.recordIssued(shortLived);
        lineage.recordIssued(longLived);

        clock.set(shortLived.expiresAt());
        lineage.recordIssued(aToken().jti("jti-new").issuedAt(clock.instant()).build());

        assertThat(lineage.find(shortLived.jti())).isNull();
        assertThat(lineage.find(longLived.jti())).isNotNull();
        assertThat(lineage.size()).isEqualTo(2);
    }

    @Test
    void evictExpiredWhenAChildOutlivesItsParentThenTheParentIsKeptUntilTheChildExpires() {
        TokenFacts root = aToken().issuedAt(T0).lifetime(Duration.ofMinutes(5)).build();
        TokenFacts child = exchangedFrom(root, "jti-child", "mcp-1").lifetime(Duration.ofMinutes(20)).build();
        lineage.recordIssued(root);
        lineage.recordIssued(child);

        clock.set(root.expiresAt().plusSeconds(1));
        lineage.evictExpired();
        assertThat(lineage.find(root.jti())).as("the walk up from the live child must still reach it").isNotNull();

        clock.set(child.expiresAt());
        lineage.evictExpired();
        assertThat(lineage.size()).isZero();
    }

    /** A clock the test moves; the lineage reads it on every write. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
