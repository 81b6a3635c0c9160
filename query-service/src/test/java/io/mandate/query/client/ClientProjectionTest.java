package io.mandate.query.client;

import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.RegistrationPath;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.DocumentFold;
import io.mandate.query.ingest.IndexWrite;
import io.mandate.query.testdata.TestClients;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static io.mandate.query.testdata.TestClients.clientRevoked;
import static io.mandate.query.testdata.TestClients.deleted;
import static io.mandate.query.testdata.TestClients.reinstated;
import static io.mandate.query.testdata.TestClients.suspended;
import static org.assertj.core.api.Assertions.assertThat;

class ClientProjectionTest {

    private static final Instant T1 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-28T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-28T12:00:00Z");

    // apply/write are pure; only operationsFor reads Elasticsearch (covered by ClientProjectionIT).
    private final ClientProjection projection = new ClientProjection(null);
    private final ClientRegistered registered = TestClients.aClientRegistered();
    private final ClientId id = registered.clientId();

    @Test
    void applyWhenRegisteredThenEveryFieldCopiedAndActive() {
        ClientDocument document = fold(null, event(registered, 0));

        assertThat(document.clientId()).isEqualTo(id.value());
        assertThat(document.kind()).isEqualTo(ClientKind.MCP_SERVER);
        assertThat(document.name()).isEqualTo("Calendar MCP");
        assertThat(document.owner()).isEqualTo("team-calendar");
        assertThat(document.allowedScopes()).containsExactly("calendar.read", "calendar.write");
        assertThat(document.resourceUris()).containsExactly("https://calendar.example.com/mcp");
        assertThat(document.registrationPath()).isEqualTo(RegistrationPath.ADMIN);
        assertThat(document.redirectUris()).isEmpty();
        assertThat(document.softwareStatementIssuer()).isNull();
        assertThat(document.registeredAt()).isEqualTo(TestClients.REGISTERED_AT);
        assertThat(document.registeredBy()).isEqualTo("admin");
        assertThat(document.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(document.statusChangedAt()).isEqualTo(TestClients.REGISTERED_AT);
        assertThat(document.statusReason()).isNull();
        assertThat(document.revokedAt()).isNull();
        assertThat(document.lastSequence()).isZero();
    }

    @Test
    void applyWhenDynamicallyRegisteredThenRedirectUrisPathAndStatementIssuerIndexed() {
        ClientRegistered dynamic = new ClientRegistered(ClientId.of("dyn-" + id.value()), ClientKind.AGENT, "Dyn",
                "team", registered.allowedScopes(), java.util.List.of(), RegistrationPath.DYNAMIC_REGISTRATION,
                "registrar", T1, java.util.List.of("https://dyn.example/cb"),
                new io.mandate.messages.client.SoftwareStatementRef("https://statements.example", "sw-1", "2"));

        ClientDocument document = fold(null, event(dynamic, 0));

        assertThat(document.redirectUris()).containsExactly("https://dyn.example/cb");
        assertThat(document.registrationPath()).isEqualTo(RegistrationPath.DYNAMIC_REGISTRATION);
        assertThat(document.softwareStatementIssuer()).isEqualTo("https://statements.example");
        assertThat(document.softwareId()).isEqualTo("sw-1");
    }

    @Test
    void applyWhenSuspendedThenReinstatedThenEachStatusWithWhoWhyWhen() {
        ClientDocument suspendedDocument = fold(null, event(registered, 0), event(suspended(id, T1), 1));
        ClientDocument reinstatedDocument = fold(suspendedDocument, event(reinstated(id, T2), 2));

        assertThat(suspendedDocument.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(suspendedDocument.statusChangedAt()).isEqualTo(T1);
        assertThat(suspendedDocument.statusChangedBy()).isEqualTo("responder");
        assertThat(suspendedDocument.statusReason()).isEqualTo("suspicious tool calls");
        assertThat(suspendedDocument.lastSequence()).isEqualTo(1);
        assertThat(reinstatedDocument.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(reinstatedDocument.statusChangedAt()).isEqualTo(T2);
        assertThat(reinstatedDocument.statusReason()).isEqualTo("false alarm");
        assertThat(reinstatedDocument.lastSequence()).isEqualTo(2);
        assertThat(reinstatedDocument.name()).as("registration kept").isEqualTo("Calendar MCP");
    }

    @Test
    void applyWhenDeletedThenDeleted() {
        ClientDocument document = fold(null, event(registered, 0), event(deleted(id, T1), 1));

        assertThat(document.status()).isEqualTo(ClientStatus.DELETED);
        assertThat(document.statusReason()).isEqualTo("decommissioned");
    }

    @Test
    void applyWhenOlderLifecycleEventArrivesLateThenNewerStatusStays() {
        EventEnvelope suspension = event(suspended(id, T1), 1);
        ClientDocument current = fold(null, event(registered, 0), suspension, event(reinstated(id, T2), 2));

        assertThat(fold(current, suspension)).isEqualTo(current);
        assertThat(fold(current, event(registered, 0))).isEqualTo(current);
    }

    @Test
    void applyWhenRegistrationArrivesAfterLaterEventThenFilledInWithoutResettingStatus() {
        ClientDocument partial = fold(null, event(suspended(id, T1), 1));
        ClientDocument completed = fold(partial, event(registered, 0));

        assertThat(partial.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(partial.name()).isNull();
        assertThat(completed).isEqualTo(fold(null, event(registered, 0), event(suspended(id, T1), 1)));
    }

    @Test
    void applyWhenWatermarksArriveInAnyOrderThenLatestRevokedAtIsKept() {
        ClientDocument current = fold(null, event(registered, 0));

        ClientDocument inOrder = fold(current, event(clientRevoked(id, T1), 0), event(clientRevoked(id, T3), 1));
        ClientDocument reversed = fold(current, event(clientRevoked(id, T3), 1), event(clientRevoked(id, T1), 0));

        assertThat(inOrder.revokedAt()).isEqualTo(T3);
        assertThat(reversed).isEqualTo(inOrder);
        assertThat(inOrder.lastSequence()).as("a watermark is another aggregate's sequence").isZero();
        assertThat(inOrder.status()).isEqualTo(ClientStatus.ACTIVE);
    }

    @Test
    void applyWhenWatermarkBeforeRegistrationThenBothEndUpOnTheDocument() {
        ClientDocument watermarkOnly = fold(null, event(clientRevoked(id, T2), 0));
        ClientDocument completed = fold(watermarkOnly, event(registered, 0), event(suspended(id, T3), 1));

        assertThat(watermarkOnly.status()).as("unknown until registered").isNull();
        assertThat(watermarkOnly.lastSequence()).isNull();
        assertThat(completed.revokedAt()).isEqualTo(T2);
        assertThat(completed.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(completed.name()).isEqualTo("Calendar MCP");
    }

    @Test
    void applyWhenCredentialsSetThenMethodAndWhenButNoLifecycleStep() {
        ClientDocument document = fold(null, event(registered, 0), event(TestTokens.secretSet(id, T1), 1));

        assertThat(document.tokenEndpointAuthMethod()).isEqualTo(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);
        assertThat(document.credentialsSetAt()).isEqualTo(T1);
        assertThat(document.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(document.lastSequence()).as("credentials are no lifecycle step").isZero();
        assertThat(document.toString()).doesNotContain("sha256:");
    }

    @Test
    void applyWhenRotationsArriveInAnyOrderThenTheLatestCredentialsAreKept() {
        ClientDocument current = fold(null, event(registered, 0));

        ClientDocument inOrder = fold(current, event(TestTokens.secretSet(id, T1), 1), event(TestTokens.keysSet(id, T2), 2));
        ClientDocument reversed = fold(current, event(TestTokens.keysSet(id, T2), 2), event(TestTokens.secretSet(id, T1), 1));

        assertThat(inOrder.tokenEndpointAuthMethod()).isEqualTo(TokenEndpointAuthMethod.PRIVATE_KEY_JWT);
        assertThat(inOrder.credentialsSetAt()).isEqualTo(T2);
        assertThat(reversed).isEqualTo(inOrder);
        assertThat(fold(inOrder, event(TestTokens.keysSet(id, T2), 2))).as("redelivered").isSameAs(inOrder);
    }

    @Test
    void applyWhenCredentialsArriveBeforeTheRegistrationThenTheRegistrationStillMakesItActive() {
        ClientDocument credentialsOnly = fold(null, event(TestTokens.secretSet(id, T1), 1));
        ClientDocument completed = fold(credentialsOnly, event(registered, 0));

        assertThat(credentialsOnly.status()).isNull();
        assertThat(completed.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(completed.tokenEndpointAuthMethod()).isEqualTo(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);
        assertThat(completed).isEqualTo(fold(null, event(registered, 0), event(TestTokens.secretSet(id, T1), 1)));
    }

    @Test
    void writeWhenDocumentWasReadThenConditionalOnItsSequenceNumber() {
        ClientDocument before = fold(null, event(registered, 0));
        ClientDocument after = fold(before, event(suspended(id, T1), 1));

        IndexWrite write = projection.write(id.value(), after, Optional.of(new DocumentFold.Stored<>(before, 1, 41, 3)));

        IndexOperation<?> index = write.operation().index();
        assertThat(write.conflictIsStale()).as("a conflict is a concurrent change, retried").isFalse();
        assertThat(index.index()).isEqualTo("mandate-clients");
        assertThat(index.id()).isEqualTo(id.value());
        assertThat(index.ifSeqNo()).isEqualTo(41L);
        assertThat(index.ifPrimaryTerm()).isEqualTo(3L);
        assertThat(index.versionType()).isNull();
        assertThat(index.document()).isEqualTo(after);
    }

    @Test
    void writeWhenDocumentAbsentThenCreateSoAConcurrentCreateConflicts() {
        ClientDocument document = fold(null, event(registered, 0));

        IndexWrite write = projection.write(id.value(), document, Optional.empty());

        assertThat(write.operation().isCreate()).isTrue();
        assertThat(write.conflictIsStale()).isFalse();
    }

    @Test
    void documentIdWhenClientEventOrClientWatermarkThenClientIdOtherwiseNone() {
        assertThat(projection.documentId(event(suspended(id, T1), 1))).contains(id.value());
        assertThat(projection.documentId(event(clientRevoked(id, T1), 0))).contains(id.value());
        assertThat(projection.documentId(event(TestClients.tokenRevoked(T1), 0))).isEmpty();
        assertThat(projection.documentId(event(TestGrants.aGrantCreated(), 0))).isEmpty();
    }

    private ClientDocument fold(ClientDocument current, EventEnvelope... events) {
        ClientDocument state = current;
        for (EventEnvelope envelope : events) {
            state = projection.apply(state, envelope);
        }
        return state;
    }

    private static EventEnvelope event(MandateEvent event, long sequence) {
        return TestGrants.envelopeOf(event, sequence, T1);
    }
}
