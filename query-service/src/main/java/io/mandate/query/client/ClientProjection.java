package io.mandate.query.client;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientEvent;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.DocumentFold;
import io.mandate.query.ingest.IndexWrite;
import io.mandate.query.ingest.Projection;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps one {@link ClientDocument} per client, folded from two aggregates: the client's own
 * lifecycle ({@code mandate.clients}, key = client id) and its revocation watermarks
 * ({@code ClientRevoked}, on {@code mandate.revocations}, key = {@code client:<id>}).
 *
 * <p>Why optimistic concurrency ({@code if_seq_no}/{@code if_primary_term}) and not external
 * versioning as for grants: the two aggregates live on different partitions, which different
 * consumers may process at the same time, and no single version number can order two independent
 * sequences (a lifecycle write and a watermark write computed from the same read would carry the
 * same version and one would be dropped as "stale"). So each write is conditional on the document
 * being unchanged since it was read, a conflict makes the batch re-read and retry, and ordering is
 * decided by the fold itself: a lifecycle event applies only when its sequence is above
 * {@code lastSequence}, a watermark only when it is later than {@code revokedAt} (the max is kept).
 * Redelivered or stale events therefore change nothing and write nothing. Credentials follow the
 * watermark's rule for the same reason: the latest {@code setAt} wins, whatever the order of arrival,
 * and they do not move {@code lastSequence} (they are no lifecycle step).
 */
@Component
class ClientProjection implements Projection, DocumentFold.Rules<ClientDocument> {

    private final DocumentFold fold;

    ClientProjection(DocumentFold fold) {
        this.fold = fold;
    }

    @Override
    public List<IndexWrite> operationsFor(List<EventEnvelope> batch) throws IOException {
        return fold.fold(batch, this);
    }

    @Override
    public String alias() {
        return ClientsIndex.DEFINITION.alias();
    }

    @Override
    public Class<ClientDocument> documentType() {
        return ClientDocument.class;
    }

    @Override
    public Optional<String> documentId(EventEnvelope envelope) {
        if (envelope.payload() instanceof ClientEvent event) {
            return Optional.of(event.clientId().value());
        }
        if (envelope.payload() instanceof ClientRevoked revoked) {
            return Optional.of(revoked.clientId().value());
        }
        return Optional.empty();
    }

    @Override
    public ClientDocument apply(ClientDocument current, EventEnvelope envelope) {
        if (envelope.payload() instanceof ClientRevoked revoked) {
            ClientDocument base = current == null ? ClientDocument.unknown(revoked.clientId().value()) : current;
            boolean later = base.revokedAt() == null || revoked.revokedAt().isAfter(base.revokedAt());
            return later ? base.withRevokedAt(revoked.revokedAt()) : current;
        }
        if (envelope.payload() instanceof ClientCredentialsSet set) {
            ClientDocument base = current == null ? ClientDocument.unknown(set.clientId().value()) : current;
            boolean later = base.credentialsSetAt() == null || set.setAt().isAfter(base.credentialsSetAt());
            return later ? base.withCredentials(set.credentials().method(), set.setAt()) : current;
        }
        if (!(envelope.payload() instanceof ClientEvent event)) {
            return current;
        }
        ClientDocument base = current == null ? ClientDocument.unknown(event.clientId().value()) : current;
        boolean newer = base.lastSequence() == null || envelope.sequence() > base.lastSequence();
        if (event instanceof ClientRegistered registered) {
            return registered(base, registered, newer ? envelope.sequence() : null);
        }
        if (!newer) {
            return current;
        }
        if (event instanceof ClientMetadataUpdated e) {
            return base.withDescription(e.name(), e.allowedScopes().asList(), List.copyOf(e.resourceUris()),
                    List.copyOf(e.redirectUris()),
                    e.softwareStatement() == null ? base.softwareStatementIssuer() : e.softwareStatement().issuer(),
                    e.softwareStatement() == null ? base.softwareId() : e.softwareStatement().softwareId(),
                    envelope.sequence());
        }
        if (event instanceof ClientSuspended e) {
            return base.withStatus(ClientStatus.SUSPENDED, e.suspendedAt(), e.suspendedBy(), e.reason(), envelope.sequence());
        }
        if (event instanceof ClientReinstated e) {
            return base.withStatus(ClientStatus.ACTIVE, e.reinstatedAt(), e.reinstatedBy(), e.reason(), envelope.sequence());
        }
        if (event instanceof ClientDeleted e) {
            return base.withStatus(ClientStatus.DELETED, e.deletedAt(), e.deletedBy(), e.reason(), envelope.sequence());
        }
        return current;
    }

    /**
     * The registration fields are immutable, so they are filled once, whenever the event arrives;
     * the status it implies (ACTIVE) applies only if no later lifecycle event is known yet.
     */
    private static ClientDocument registered(ClientDocument base, ClientRegistered e, Long newSequence) {
        ClientDocument result = base;
        if (base.registeredAt() == null) {
            result = result.withRegistration(e.name(), e.kind(), e.owner(), e.allowedScopes().asList(),
                    List.copyOf(e.resourceUris()), e.registrationPath(), e.registeredAt(), e.registeredBy(),
                    List.copyOf(e.redirectUris()),
                    e.softwareStatement() == null ? null : e.softwareStatement().issuer(),
                    e.softwareStatement() == null ? null : e.softwareStatement().softwareId());
        }
        if (newSequence != null) {
            result = result.withStatus(ClientStatus.ACTIVE, e.registeredAt(), e.registeredBy(), null, newSequence);
        }
        return result;
    }

    @Override
    public IndexWrite write(String id, ClientDocument document, Optional<DocumentFold.Stored<ClientDocument>> read) {
        if (read.isEmpty()) {
            // Create: a 409 means another consumer created it meanwhile; retried, it folds onto theirs.
            return IndexWrite.conditional(BulkOperation.of(bulk -> bulk.create(create -> create
                    .index(alias()).id(id).document(document))));
        }
        DocumentFold.Stored<ClientDocument> stored = read.get();
        return IndexWrite.conditional(BulkOperation.of(bulk -> bulk.index(index -> index
                .index(alias()).id(id)
                .ifSeqNo(stored.seqNo())
                .ifPrimaryTerm(stored.primaryTerm())
                .document(document))));
    }
}
