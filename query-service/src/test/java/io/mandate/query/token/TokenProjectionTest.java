package io.mandate.query.token;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.query.ingest.IndexWrite;
import io.mandate.query.testdata.TestChains;
import io.mandate.query.testdata.TestGrants;
import io.mandate.query.testdata.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");

    private final TokenProjection projection = new TokenProjection();

    @Test
    void tokenExchangedWhenProjectedThenOneCreateUnderItsJtiWithLineageChainIdAndActors() {
        TestChains.Chain chain = TestChains.aChain(3, AT);
        TokenExchanged third = chain.hop(2);

        List<IndexWrite> writes = projection.operationsFor(List.of(TestGrants.envelopeOf(third, 0, AT)));

        assertThat(writes).hasSize(1);
        IndexWrite write = writes.get(0);
        assertThat(write.conflictIsStale()).as("a redelivery's 409 is a harmless duplicate").isTrue();
        BulkOperation operation = write.operation();
        assertThat(operation.isCreate()).isTrue();
        assertThat(operation.create().id()).isEqualTo(third.jti().value());
        assertThat(operation.create().index()).isEqualTo("mandate-tokens");
        TokenDocument document = (TokenDocument) operation.create().document();
        assertThat(document.kind()).isEqualTo(TokenKind.EXCHANGED);
        assertThat(document.lineage()).containsExactly(chain.hop(0).jti().value(), chain.hop(1).jti().value());
        assertThat(document.parentJti()).isEqualTo(chain.hop(1).jti().value());
        assertThat(document.chainId()).isEqualTo(chain.hop(0).jti().value());
        assertThat(document.depth()).isEqualTo(3);
        assertThat(document.holder()).isEqualTo(chain.actors().get(2).value());
        assertThat(document.actorChain()).containsExactly(chain.actors().get(2).value(), chain.actors().get(1).value(),
                chain.actors().get(0).value());
        assertThat(document.actors()).containsExactlyInAnyOrderElementsOf(document.actorChain()).isSorted();
        assertThat(document.agent()).isEqualTo(chain.agent().value());
        assertThat(document.grantId()).isEqualTo(chain.grant().grantId().value());
        assertThat(document.userId()).isEqualTo(chain.user().value());
        assertThat(document.scopes()).containsExactly("s3", "s4", "s5", "s6");
        assertThat(document.issuedAt()).isEqualTo(AT.plusSeconds(2));
        assertThat(document.expiresAt()).isEqualTo(AT.plusSeconds(302));
        assertThat(document.keyId()).isEqualTo("kid-1");
    }

    @Test
    void firstHopWhenProjectedThenItIsItsOwnChainRoot() {
        TokenExchanged first = TestChains.aChain(1, AT).hop(0);

        TokenDocument document = TokenProjection.toDocument(TestGrants.envelopeOf(first, 0, AT));

        assertThat(document.lineage()).isEmpty();
        assertThat(document.parentJti()).isNull();
        assertThat(document.chainId()).isEqualTo(first.jti().value());
        assertThat(document.depth()).isEqualTo(1);
    }

    @Test
    void clientTokenWhenProjectedThenNoUserNoGrantAndTheClientAsOnlyActor() {
        ClientTokenIssued issued = TestTokens.clientTokenIssued(ClientId.of("app-1"), AT);

        TokenDocument document = TokenProjection.toDocument(TestGrants.envelopeOf(issued, 0, AT));

        assertThat(document.kind()).isEqualTo(TokenKind.CLIENT_CREDENTIALS);
        assertThat(document.grantId()).isNull();
        assertThat(document.userId()).isNull();
        assertThat(document.holder()).isEqualTo("app-1");
        assertThat(document.actors()).containsExactly("app-1");
        assertThat(document.actorChain()).isEmpty();
        assertThat(document.depth()).isZero();
    }

    @Test
    void otherEventsWhenProjectedThenNoWrite() {
        assertThat(projection.operationsFor(List.of(
                TestGrants.envelopeOf(TestGrants.aGrantCreated()),
                TestGrants.envelopeOf(TestTokens.refused(ClientId.of("a"), null, null, AT), 0, AT)))).isEmpty();
    }
}
