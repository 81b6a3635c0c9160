package io.mandate.query.grant;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.DocumentFold;
import io.mandate.query.ingest.IndexWrite;
import io.mandate.query.testdata.TestClients;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GrantProjectionTest {

    // apply/write are pure; only operationsFor reads Elasticsearch (covered by GrantProjectionIT).
    private final GrantProjection projection = new GrantProjection(null);
    private static final Instant REVOKED_AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant EXPIRED_AT = Instant.parse("2027-11-28T10:15:30Z");

    @Test
    void toDocumentWhenGrantCreatedThenEveryFieldIsCopiedAndStatusIsActive() {
        GrantCreated created = TestGrants.aGrantCreated();

        GrantDocument document = projection.toDocument(created, 4);

        assertThat(document.grantId()).isEqualTo(created.grantId().value());
        assertThat(document.userId()).isEqualTo(created.userId().value());
        assertThat(document.agentId()).isEqualTo(created.agentId().value());
        assertThat(document.audience()).isEqualTo("https://calendar.example.com");
        assertThat(document.scopes()).containsExactly("calendar.read", "calendar.write");
        assertThat(document.policy().allowedNextClients()).containsExactly("mcp-a", "mcp-b");
        assertThat(document.policy().allowedNextKinds()).containsExactly("AGENT", "MCP_SERVER");
        assertThat(document.policy().maxDepth()).isEqualTo(3);
        assertThat(document.policy().approvalScopes()).containsExactly("calendar.write");
        assertThat(document.expiresAt()).isEqualTo(TestGrants.EXPIRES_AT);
        assertThat(document.createdAt()).isEqualTo(TestGrants.CREATED_AT);
        assertThat(document.createdBy()).isEqualTo("admin");
        assertThat(document.status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(document.lastSequence()).isEqualTo(4);
    }

    @Test
    void toDocumentWhenAgentOnlyPolicyWithoutExpiryThenEmptyListsAndNoExpiry() {
        GrantCreated base = TestGrants.aGrantCreated();
        GrantCreated created = new GrantCreated(base.grantId(), base.userId(), base.agentId(), base.audience(),
                base.scopes(), DelegationPolicy.agentOnly(), null, base.createdBy(), base.createdAt());

        GrantDocument document = projection.toDocument(created, 0);

        assertThat(document.expiresAt()).isNull();
        assertThat(document.policy().allowedNextClients()).isEmpty();
        assertThat(document.policy().allowedNextKinds()).isEmpty();
        assertThat(document.policy().approvalScopes()).isEmpty();
        assertThat(document.policy().maxDepth()).isEqualTo(1);
    }

    @Test
    void applyWhenGrantRevokedThenRevokedWithWhoWhyWhenAndItsSequence() {
        GrantCreated created = TestGrants.aGrantCreated();

        GrantDocument document = fold(null, event(created, 0), event(TestGrants.revoked(created, REVOKED_AT), 1));

        assertThat(document.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(document.revokedAt()).isEqualTo(REVOKED_AT);
        assertThat(document.revokedBy()).isEqualTo("responder");
        assertThat(document.revocationReason()).isEqualTo("agent misbehaved");
        assertThat(document.lastSequence()).isEqualTo(1);
        assertThat(document.audience()).as("creation fields kept").isEqualTo(created.audience());
        assertThat(document.expiredAt()).isNull();
    }

    @Test
    void applyWhenGrantExpiredThenExpiredWithItsInstant() {
        GrantCreated created = TestGrants.aGrantCreated();

        GrantDocument document = fold(null, event(created, 0), event(TestGrants.expired(created, EXPIRED_AT), 1));

        assertThat(document.status()).isEqualTo(GrantStatus.EXPIRED);
        assertThat(document.expiredAt()).isEqualTo(EXPIRED_AT);
        assertThat(document.revokedAt()).isNull();
        assertThat(document.lastSequence()).isEqualTo(1);
    }

    @Test
    void applyWhenExpiredAfterRevokedThenStaysRevokedAndRecordsBoth() {
        GrantCreated created = TestGrants.aGrantCreated();

        GrantDocument document = fold(null, event(created, 0), event(TestGrants.revoked(created, REVOKED_AT), 1),
                event(TestGrants.expired(created, EXPIRED_AT), 2));

        assertThat(document.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(document.expiredAt()).isEqualTo(EXPIRED_AT);
        assertThat(document.lastSequence()).isEqualTo(2);
    }

    @Test
    void applyWhenAnyEventRedeliveredThenDocumentUnchanged() {
        GrantCreated created = TestGrants.aGrantCreated();
        EventEnvelope creation = event(created, 0);
        EventEnvelope revocation = event(TestGrants.revoked(created, REVOKED_AT), 1);
        EventEnvelope expiry = event(TestGrants.expired(created, EXPIRED_AT), 2);
        GrantDocument current = fold(null, creation, revocation, expiry);

        assertThat(fold(current, creation)).isEqualTo(current);
        assertThat(fold(current, revocation)).isEqualTo(current);
        assertThat(fold(current, expiry)).isEqualTo(current);
    }

    @Test
    void applyWhenRevokedArrivesBeforeCreatedThenPartialRevokedThenCompletedStillRevoked() {
        GrantCreated created = TestGrants.aGrantCreated();

        GrantDocument partial = fold(null, event(TestGrants.revoked(created, REVOKED_AT), 1));
        GrantDocument completed = fold(partial, event(created, 0));

        assertThat(partial.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(partial.audience()).isNull();
        assertThat(partial.userId()).isEqualTo(created.userId().value());
        assertThat(partial.lastSequence()).isEqualTo(1);
        assertThat(completed).isEqualTo(fold(null, event(created, 0), event(TestGrants.revoked(created, REVOKED_AT), 1)));
    }

    @Test
    void writeWhenNewStateThenExternalVersionIsLastSequencePlusOne() {
        GrantCreated created = TestGrants.aGrantCreated();
        GrantDocument revoked = fold(null, event(created, 0), event(TestGrants.revoked(created, REVOKED_AT), 1));
        GrantDocument active = fold(null, event(created, 0));

        IndexWrite write = projection.write(created.grantId().value(), revoked,
                Optional.of(new DocumentFold.Stored<>(active, 1, 7, 1)));

        IndexOperation<?> index = write.operation().index();
        assertThat(index.index()).isEqualTo("mandate-grants");
        assertThat(index.id()).isEqualTo(created.grantId().value());
        assertThat(index.versionType()).isEqualTo(VersionType.External);
        assertThat(index.version()).isEqualTo(2L);
        assertThat(index.document()).isEqualTo(revoked);
        assertThat(write.conflictIsStale()).isTrue();
    }

    @Test
    void writeWhenLateCreationCompletesPartialDocumentThenSameVersionWithExternalGte() {
        GrantCreated created = TestGrants.aGrantCreated();
        GrantDocument partial = fold(null, event(TestGrants.revoked(created, REVOKED_AT), 1));
        GrantDocument completed = fold(partial, event(created, 0));

        IndexOperation<?> index = projection.write(created.grantId().value(), completed,
                Optional.of(new DocumentFold.Stored<>(partial, 2, 3, 1))).operation().index();

        assertThat(index.versionType()).isEqualTo(VersionType.ExternalGte);
        assertThat(index.version()).isEqualTo(2L);
    }

    @Test
    void documentIdWhenGrantEventThenGrantIdAndOtherwiseNone() {
        GrantCreated created = TestGrants.aGrantCreated();

        assertThat(projection.documentId(event(TestGrants.expired(created, EXPIRED_AT), 1)))
                .contains(created.grantId().value());
        assertThat(projection.documentId(event(TestClients.aClientRegistered(), 0))).isEmpty();
    }

    private GrantDocument fold(GrantDocument current, EventEnvelope... events) {
        GrantDocument state = current;
        for (EventEnvelope envelope : events) {
            state = projection.apply(state, envelope);
        }
        return state;
    }

    private static EventEnvelope event(MandateEvent event, long sequence) {
        return TestGrants.envelopeOf(event, sequence, Instant.parse("2026-11-28T12:00:00Z"));
    }
}
