package io.mandate.query.grant;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.testdata.TestGrants;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrantProjectionTest {

    private final GrantProjection projection = new GrantProjection();

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
    void operationsForWhenGrantCreatedThenExternallyVersionedIndexBySequencePlusOne() {
        GrantCreated created = TestGrants.aGrantCreated();
        EventEnvelope envelope = EventEnvelope.wrap("evt-1", 0, created.createdAt(), created);

        List<BulkOperation> operations = projection.operationsFor(envelope);

        assertThat(operations).hasSize(1);
        assertThat(operations.get(0).isIndex()).isTrue();
        IndexOperation<?> index = operations.get(0).index();
        assertThat(index.index()).isEqualTo("mandate-grants");
        assertThat(index.id()).isEqualTo(created.grantId().value());
        assertThat(index.versionType()).isEqualTo(VersionType.External);
        assertThat(index.version()).isEqualTo(1L);
        assertThat(index.document()).isEqualTo(projection.toDocument(created, 0));
    }
}
