package io.mandate.messages;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.wire.AxonEventRows;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.SharedEventStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AxonEventRowsTest {

    @Test
    void timeStampWhenNanosecondsThenThreeFractionDigitsTruncatedAsAxonWrites() {
        assertThat(AxonEventRows.timeStamp(Instant.parse("2026-11-28T18:16:37.883999999Z"))).isEqualTo("2026-11-28T18:16:37.883Z");
        assertThat(AxonEventRows.timeStamp(Instant.parse("2026-11-28T18:16:37Z"))).isEqualTo("2026-11-28T18:16:37.000Z");
    }

    @Test
    void rowOfWhenTokenEventThenClassNameCatalogueRevisionAndTheRecordsJson() throws Exception {
        ClientTokenIssued event = new ClientTokenIssued(Jti.of("jti-7"), ClientId.of("mcp-1"), "https://api.example",
                Scopes.of("api.read"), "kid-1", Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T10:05:00Z"));
        AxonEventRows.Row row = AxonEventRows.Row.of("evt-1", event, SharedEventStore.TOKEN_LEDGER_TYPE, 0,
                EventCodec.newObjectMapper());
        assertThat(row.aggregateId()).isEqualTo("issued:jti-7");
        assertThat(row.aggregateType()).isEqualTo("TokenLedger");
        assertThat(row.payloadType()).isEqualTo(ClientTokenIssued.class.getName());
        assertThat(row.payloadRevision()).isEqualTo("1");
        assertThat(row.sequence()).isZero();
        assertThat(EventCodec.newObjectMapper().readValue(row.payload(), ClientTokenIssued.class)).isEqualTo(event);
    }

    @Test
    void rowWhenNoPayloadThenRefused() {
        assertThatThrownBy(() -> new AxonEventRows.Row("evt-1", "issued:x", "TokenLedger", "t", "1", null, 0))
                .isInstanceOf(NullPointerException.class);
    }
}
