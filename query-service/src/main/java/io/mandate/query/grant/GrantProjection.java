package io.mandate.query.grant;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantEvent;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.DocumentFold;
import io.mandate.query.ingest.IndexWrite;
import io.mandate.query.ingest.Projection;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps one {@link GrantDocument} per grant by folding its events onto the stored document
 * ({@link DocumentFold}). Every write carries the external version {@code lastSequence + 1}
 * (plus one: the first event has sequence 0 and external versions start above 0), so a write
 * computed from an out-of-date read loses to the newer state instead of overwriting it.
 *
 * <p>The fold is order-insensitive: each event owns its fields (creation, revocation, expiry) and
 * an event already reflected in the document changes nothing, so a redelivery writes nothing. A
 * revocation or expiry arriving before the creation (impossible from the command side, whose
 * events of one grant share a key and thus a partition, in order; possible by a producer bug or a
 * hand-fed topic) leaves a partial document, which the creation completes later without
 * touching the status: the grant ends REVOKED either way. Only that completion rewrites the same
 * version, hence {@code external_gte} for it.
 */
@Component
class GrantProjection implements Projection, DocumentFold.Rules<GrantDocument> {

    private final DocumentFold fold;

    GrantProjection(DocumentFold fold) {
        this.fold = fold;
    }

    @Override
    public List<IndexWrite> operationsFor(List<EventEnvelope> batch) throws IOException {
        return fold.fold(batch, this);
    }

    @Override
    public String alias() {
        return GrantsIndex.DEFINITION.alias();
    }

    @Override
    public Class<GrantDocument> documentType() {
        return GrantDocument.class;
    }

    @Override
    public Optional<String> documentId(EventEnvelope envelope) {
        return envelope.payload() instanceof GrantEvent event ? Optional.of(event.grantId().value()) : Optional.empty();
    }

    @Override
    public GrantDocument apply(GrantDocument current, EventEnvelope envelope) {
        long sequence = envelope.sequence();
        if (envelope.payload() instanceof GrantCreated created) {
            return current == null ? toDocument(created, sequence) : completed(current, created, sequence);
        }
        if (envelope.payload() instanceof GrantRevoked revoked) {
            if (current != null && current.revokedAt() != null) {
                return current;
            }
            GrantDocument base = current == null ? partial(revoked.grantId().value(), revoked.userId().value(),
                    revoked.agentId().value(), sequence) : current;
            return new GrantDocument(base.grantId(), base.userId(), base.agentId(), base.audience(), base.scopes(),
                    base.policy(), base.expiresAt(), base.createdAt(), base.createdBy(), GrantStatus.REVOKED,
                    revoked.revokedAt(), revoked.revokedBy(), revoked.reason(), base.expiredAt(),
                    Math.max(base.lastSequence(), sequence));
        }
        if (envelope.payload() instanceof GrantExpired expired) {
            if (current != null && current.expiredAt() != null) {
                return current;
            }
            GrantDocument base = current == null ? partial(expired.grantId().value(), expired.userId().value(),
                    expired.agentId().value(), sequence) : current;
            GrantStatus status = base.revokedAt() != null ? GrantStatus.REVOKED : GrantStatus.EXPIRED;
            return new GrantDocument(base.grantId(), base.userId(), base.agentId(), base.audience(), base.scopes(),
                    base.policy(), base.expiresAt(), base.createdAt(), base.createdBy(), status,
                    base.revokedAt(), base.revokedBy(), base.revocationReason(), expired.expiredAt(),
                    Math.max(base.lastSequence(), sequence));
        }
        return current;
    }

    @Override
    public IndexWrite write(String id, GrantDocument document, Optional<DocumentFold.Stored<GrantDocument>> read) {
        long version = document.lastSequence() + 1;
        // Equal only when a late creation completes a partial document (see the class comment).
        VersionType type = read.isPresent() && read.get().version() >= version ? VersionType.ExternalGte : VersionType.External;
        return IndexWrite.idempotent(BulkOperation.of(bulk -> bulk.index(index -> index
                .index(alias())
                .id(id)
                .versionType(type)
                .version(version)
                .document(document))));
    }

    GrantDocument toDocument(GrantCreated created, long sequence) {
        return new GrantDocument(created.grantId().value(), created.userId().value(), created.agentId().value(),
                created.audience(), created.scopes().asList(), toPolicy(created.policy()), created.expiresAt(),
                created.createdAt(), created.createdBy(), GrantStatus.ACTIVE, null, null, null, null, sequence);
    }

    /** The creation fields are immutable: a document that has them is left as it is (redelivery). */
    private GrantDocument completed(GrantDocument current, GrantCreated created, long sequence) {
        if (current.createdAt() != null) {
            return current;
        }
        GrantDocument fresh = toDocument(created, sequence);
        return new GrantDocument(fresh.grantId(), fresh.userId(), fresh.agentId(), fresh.audience(), fresh.scopes(),
                fresh.policy(), fresh.expiresAt(), fresh.createdAt(), fresh.createdBy(), current.status(),
                current.revokedAt(), current.revokedBy(), current.revocationReason(), current.expiredAt(),
                Math.max(current.lastSequence(), sequence));
    }

    private static GrantDocument partial(String grantId, String userId, String agentId, long sequence) {
        return new GrantDocument(grantId, userId, agentId, null, null, null, null, null, null, GrantStatus.ACTIVE,
                null, null, null, null, sequence);
    }

    private static GrantDocument.Policy toPolicy(DelegationPolicy policy) {
        // Sorted, so the same policy always renders the same way.
        return new GrantDocument.Policy(
                policy.allowedNextClients().stream().map(ClientId::value).sorted().toList(),
                policy.allowedNextKinds().stream().map(Enum::name).sorted().toList(),
                policy.maxDepth(),
                policy.approvalScopes().asList());
    }
}
