package io.mandate.query.token;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.query.ingest.IndexWrite;
import io.mandate.query.ingest.Projection;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@link TokenDocument} per issued token, created under its jti. A token's issuance is its
 * only event (its own stream, sequence 0), so the document never changes: a redelivery is a
 * version conflict on {@code create}, a harmless duplicate, and no read is needed before writing.
 * Revocations are not written onto tokens (a grant, client or user revocation would have to touch
 * every token it covers, which needs {@code _update_by_query}); status is computed when read.
 */
@Component
class TokenProjection implements Projection {

    @Override
    public List<IndexWrite> operationsFor(List<EventEnvelope> batch) {
        List<IndexWrite> writes = new ArrayList<>();
        for (EventEnvelope envelope : batch) {
            TokenDocument document = toDocument(envelope);
            if (document != null) {
                writes.add(IndexWrite.idempotent(BulkOperation.of(bulk -> bulk.create(create -> create
                        .index(TokensIndex.DEFINITION.alias())
                        .id(document.jti())
                        .document(document)))));
            }
        }
        return writes;
    }

    /** The token an event issued, or null when the event issued none. */
    static TokenDocument toDocument(EventEnvelope envelope) {
        if (envelope.payload() instanceof TokenExchanged exchanged) {
            return TokenDocument.of(exchanged);
        }
        if (envelope.payload() instanceof ClientTokenIssued issued) {
            return TokenDocument.of(issued);
        }
        return null;
    }
}
