package io.mandate.issuer.ledger;

import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.SharedEventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7009 revocation through the ledger: idempotent, and ordered after every batch in flight. */
class RevokeTokenIT {

    private static LedgerDatabase database;
    private static JdbcTokenLedger ledger;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        database = LedgerDatabase.withEventStore();
        ledger = database.ledger(LedgerProperties.defaults());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void revokeTokenWhenTwiceThenOneRowAndTheSameRevocationBothTimes() throws Exception {
        Jti jti = Jti.of("jti-" + run);
        TokenRevoked first = ledger.revokeToken(jti, "leaked", "agent");
        TokenRevoked second = ledger.revokeToken(jti, "again", "someone-else");

        assertThat(second).isEqualTo(first);
        List<Map<String, Object>> rows = database.rows("token:" + jti);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("sequence_number")).isEqualTo(0L);
            assertThat(row.get("type")).isEqualTo(SharedEventStore.TOKEN_REVOCATION_TYPE);
            assertThat(row.get("payload_type")).isEqualTo(TokenRevoked.class.getName());
            assertThat(row.get("time_stamp")).isEqualTo(AxonRows.timeStamp(first.revokedAt()));
        });
        assertThat(EventCodec.newObjectMapper().readValue((byte[]) rows.get(0).get("payload"), TokenRevoked.class))
                .isEqualTo(first);
    }

    @Test
    void revokeTokenWhenABatchHoldsTheSharedFenceThenWaitsAndTakesItsInstantAfter() throws Exception {
        Jti jti = Jti.of("raced-" + run);
        CompletableFuture<TokenRevoked> revoked;
        Instant released;
        try (Connection batch = database.holdFence(false)) {
            revoked = CompletableFuture.supplyAsync(() -> ledger.revokeToken(jti, "leaked", "agent"));
            Thread.sleep(500);
            assertThat(revoked).as("waits for the batch in flight").isNotDone();
            assertThat(database.rows("token:" + jti)).isEmpty();
            released = Instant.now();
            batch.commit();
        }
        assertThat(revoked.get(10, TimeUnit.SECONDS).revokedAt()).isAfterOrEqualTo(released);
        assertThat(database.rows("token:" + jti)).hasSize(1);
    }
}
