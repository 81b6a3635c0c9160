package io.mandate.issuer.ledger;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.id.Jti;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.SharedEventStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.mandate.issuer.ledger.LedgerTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AxonRowsTest {

    private final AxonRows rows = new AxonRows();

    @Test
    void timeStampWhenAnyInstantThenAxonsFormatWithExactlyThreeFractionDigits() {
        assertThat(AxonRows.timeStamp(Instant.parse("2026-11-28T18:16:37.883Z"))).isEqualTo("2026-11-28T18:16:37.883Z");
        assertThat(AxonRows.timeStamp(Instant.parse("2026-11-28T18:16:37Z"))).isEqualTo("2026-11-28T18:16:37.000Z");
        assertThat(AxonRows.timeStamp(Instant.parse("2026-11-28T18:16:37.8Z"))).isEqualTo("2026-11-28T18:16:37.800Z");
        assertThat(AxonRows.timeStamp(Instant.parse("2026-11-28T18:16:37.883999999Z")))
                .as("truncated like Axon, not rounded").isEqualTo("2026-11-28T18:16:37.883Z");
    }

    @Test
    void timeStampWhenFormattedThenParsesBackAsAxonsParseInstantDoes() {
        Instant instant = Instant.parse("2026-11-28T18:16:37.883Z");
        assertThat(Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(AxonRows.timeStamp(instant))))
                .isEqualTo(instant);
    }

    @Test
    void rowOfWhenTokenEventThenTokenLedgerStreamAtClassNameAndRevision() throws Exception {
        TokenExchanged event = LedgerTestData.exchanged("jti-1", "grt_1", "alice", List.of("agent"), T0);
        EventRow row = rows.rowOf(event);
        assertThat(row.aggregateId()).isEqualTo("issued:jti-1");
        assertThat(row.aggregateType()).isEqualTo(SharedEventStore.TOKEN_LEDGER_TYPE);
        assertThat(row.payloadType()).isEqualTo("io.mandate.messages.token.TokenExchanged");
        assertThat(row.payloadRevision()).isEqualTo("1");
        assertThat(row.multiEvent()).isFalse();
        assertThat(row.eventIdentifier()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(EventCodec.newObjectMapper().readValue(row.payload(), TokenExchanged.class)).isEqualTo(event);
        assertThat(new String(row.payload(), StandardCharsets.UTF_8))
                .as("the record's JSON itself, as Axon's Jackson serializer writes it: ISO instants, no envelope")
                .startsWith("{\"jti\":\"jti-1\"").contains("\"issuedAt\":\"2026-11-28T10:00:00Z\"");
    }

    @Test
    void rowOfWhenKeyOrRevocationEventThenTheirStreamTypes() {
        EventRow key = rows.rowOf(new SigningKeyCreated("kid-1", "ES256", "{}", "issuer-1", T0));
        assertThat(key.aggregateId()).isEqualTo("key:kid-1");
        assertThat(key.aggregateType()).isEqualTo(SharedEventStore.SIGNING_KEY_TYPE);
        assertThat(key.multiEvent()).isTrue();
        EventRow revoked = rows.rowOf(new TokenRevoked(Jti.of("jti-1"), "leak", "holder", T0));
        assertThat(revoked.aggregateId()).isEqualTo("token:jti-1");
        assertThat(revoked.aggregateType()).isEqualTo(SharedEventStore.TOKEN_REVOCATION_TYPE);
    }

    @Test
    void rowOfWhenCommandSideEventThenRefused() {
        MandateEvent grantRevoked = new io.mandate.messages.grant.GrantRevoked(io.mandate.messages.id.GrantId.of("grt_1"),
                io.mandate.messages.id.UserId.of("alice"), io.mandate.messages.id.ClientId.of("agent"), "r", "b", T0);
        assertThatThrownBy(() -> rows.rowOf(grantRevoked)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodeWhenPayloadTypeAndJsonThenTheRecord() throws Exception {
        TokenRevoked event = new TokenRevoked(Jti.of("jti-1"), "leak", "holder", T0.plusNanos(123_456_789));
        EventRow row = rows.rowOf(event);
        assertThat(rows.decode(row.payloadType(), row.payload())).isEqualTo(event);
        assertThatThrownBy(() -> rows.decode("java.lang.String", row.payload())).isInstanceOf(java.io.IOException.class);
    }
}
