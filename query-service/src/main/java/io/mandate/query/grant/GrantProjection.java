package io.mandate.query.grant;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.Projection;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Keeps one {@link GrantDocument} per grant. Each write carries the external version
 * {@code sequence + 1}: Elasticsearch applies it only when it is newer than the stored one, so a
 * redelivered or out-of-date event is a version conflict and changes nothing. (Plus one because
 * the first event of an aggregate has sequence 0, and external versions start above 0.)
 */
@Component
class GrantProjection implements Projection {

    @Override
    public List<BulkOperation> operationsFor(EventEnvelope envelope) {
        if (envelope.payload() instanceof GrantCreated created) {
            return List.of(write(toDocument(created, envelope.sequence())));
        }
        return List.of();
    }

    GrantDocument toDocument(GrantCreated created, long sequence) {
        return new GrantDocument(created.grantId().value(), created.userId().value(), created.agentId().value(),
                created.audience(), created.scopes().asList(), toPolicy(created.policy()), created.expiresAt(),
                created.createdAt(), created.createdBy(), GrantStatus.ACTIVE, sequence);
    }

    private static GrantDocument.Policy toPolicy(DelegationPolicy policy) {
        // Sorted, so the same policy always renders the same way.
        return new GrantDocument.Policy(
                policy.allowedNextClients().stream().map(ClientId::value).sorted().toList(),
                policy.allowedNextKinds().stream().map(Enum::name).sorted().toList(),
                policy.maxDepth(),
                policy.approvalScopes().asList());
    }

    private static BulkOperation write(GrantDocument document) {
        return BulkOperation.of(bulk -> bulk.index(index -> index
                .index(GrantsIndex.DEFINITION.alias())
                .id(document.grantId())
                .versionType(VersionType.External)
                .version(document.lastSequence() + 1)
                .document(document)));
    }
}
