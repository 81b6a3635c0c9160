package io.mandate.query.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.wire.EventCodec;
import io.mandate.query.event.EventDocument;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Fills {@code mandate-events} with a raw bulk load (no Kafka, no projection): documents shaped as
 * the events projection writes them, one per millisecond from {@code start}, a realistic mix: per
 * grant created, mostly token exchanges (two hops), some refusals and a revocation now and then.
 */
final class BenchEvents {

    private static final ObjectMapper WIRE = EventCodec.newObjectMapper();

    private BenchEvents() {
    }

    static void load(ElasticsearchClient client, Instant start, int count) throws Exception {
        try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(client).maxOperations(2000)
                .maxConcurrentRequests(2).flushInterval(1, TimeUnit.SECONDS))) {
            GrantCreated grant = null;
            for (int i = 0; i < count; i++) {
                Instant at = start.plusMillis(i);
                EventDocument document;
                int kind = i % 10;
                if (kind == 0 || grant == null) {
                    grant = TestGrants.aGrantCreated();
                    document = document(grant, grant.grantId().value(), 0, at, grant.grantId(), grant.userId(),
                            grant.agentId(), null, grant.audience(), grant.scopes().asList(), null, null,
                            grant.createdBy(), null);
                } else if (kind == 9) {
                    var revoked = TestGrants.revoked(grant, at);
                    document = document(revoked, grant.grantId().value(), 1, at, grant.grantId(), grant.userId(),
                            grant.agentId(), null, null, null, null, null, revoked.revokedBy(), revoked.reason());
                } else if (kind == 8) {
                    TokenExchangeRefused refused = TestTokens.refused(grant.agentId(), grant.grantId(), grant.userId(), at);
                    document = document(refused, "refusal:" + refused.refusalId(), 0, at, grant.grantId(),
                            grant.userId(), null, grant.agentId(), null, null, refused.subjectTokenId(), null,
                            grant.agentId().value(), refused.reason());
                } else {
                    ClientId holder = kind % 2 == 0 ? grant.agentId() : ClientId.of("mcp-" + (i % 50));
                    TokenExchanged exchanged = TestTokens.exchanged(grant.grantId(), grant.userId(), grant.agentId(),
                            holder, at);
                    document = document(exchanged, "issued:" + exchanged.jti().value(), 0, at, grant.grantId(),
                            grant.userId(), grant.agentId(), holder, exchanged.audience(), exchanged.scopes().asList(),
                            exchanged.jti().value(), exchanged.keyId(), holder.value(), null);
                }
                EventDocument source = document;
                ingester.add(op -> op.create(create -> create.index("mandate-events").id(source.eventId())
                        .document(source)));
            }
        }
    }

    private static EventDocument document(MandateEvent event, String aggregateId, long sequence, Instant at,
                                          GrantId grant, UserId user, ClientId agent, ClientId client, String audience,
                                          List<String> scopes, String jti, String keyId, String actor, String reason) {
        String type = io.mandate.messages.wire.EventCatalog.of(event).name();
        return new EventDocument("evt-" + UUID.randomUUID(), type, 1,
                aggregateId, sequence, at, grant == null ? null : grant.value(), user == null ? null : user.value(),
                agent == null ? null : agent.value(), client == null ? null : client.value(), audience, scopes, jti,
                keyId, actor, reason, WIRE.valueToTree(event), io.mandate.query.event.EventOutcome.of(type),
                client == null ? null : List.of(client.value()), null, null);
    }
}
