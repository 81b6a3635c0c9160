package io.mandate.query.investigation;

import io.mandate.messages.grant.Scopes;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.testdata.TestChains;
import io.mandate.query.testdata.TestDocuments;
import io.mandate.query.token.Grain;
import io.mandate.query.token.StandingFacts;
import io.mandate.query.token.TokenDocument;
import io.mandate.query.token.TokenSlice;
import io.mandate.query.token.TokenStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mandate.query.investigation.ChainView.Relation.ANCESTOR;
import static io.mandate.query.investigation.ChainView.Relation.DESCENDANT;
import static io.mandate.query.investigation.ChainView.Relation.SELF;
import static org.assertj.core.api.Assertions.assertThat;

class ChainAssemblyTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant NOW = AT.plusSeconds(30);

    private final TestChains.Chain chain = TestChains.aChain(5, AT);
    private final List<TokenDocument> hops = chain.hops().stream().map(ChainAssemblyTest::document).toList();
    private final GrantDocument grant = TestDocuments.grant(chain.grant());

    @Test
    void depthFiveChainWithRevokedMiddleHopWhenAssembledThenAncestorsStandAndTheRevokedHopAndItsDescendantsFall() {
        TokenDocument middle = hops.get(2);
        StandingFacts facts = new StandingFacts(Map.of(grant.grantId(), grant), Map.of(), Map.of(),
                Map.of(middle.jti(), NOW.minusSeconds(1)));

        ChainView view = ChainAssembly.assemble(middle, ancestorsOf(2), descendantsOf(2), Optional.of(grant), facts, NOW);

        assertThat(view.hops()).extracting(ChainView.Hop::jti).containsExactlyElementsOf(
                hops.stream().map(TokenDocument::jti).toList());
        assertThat(view.hops()).extracting(ChainView.Hop::relation)
                .containsExactly(ANCESTOR, ANCESTOR, SELF, DESCENDANT, DESCENDANT);
        assertThat(view.hops()).extracting(ChainView.Hop::depth).containsExactly(1, 2, 3, 4, 5);
        assertThat(view.hops()).extracting(hop -> hop.standing().status()).containsExactly(
                TokenStatus.ACTIVE, TokenStatus.ACTIVE, TokenStatus.REVOKED, TokenStatus.REVOKED, TokenStatus.REVOKED);
        assertThat(view.hops().get(2).standing().reason()).startsWith("token " + middle.jti());
        assertThat(view.hops().get(4).standing().grain()).isEqualTo(Grain.TOKEN);
        assertThat(view.hops().get(4).standing().reason()).startsWith("ancestor token " + middle.jti());
        assertThat(view.grant().grant().grantId()).isEqualTo(grant.grantId());
        assertThat(view.grant().standing().isActive()).isTrue();
        assertThat(view.user().userId()).isEqualTo(chain.user().value());
        assertThat(view.missingAncestors()).isEmpty();
        assertThat(view.descendantsComplete()).isTrue();
        assertThat(view.descendantsTotal()).isEqualTo(2);
    }

    @Test
    void narrowingChainWhenAssembledThenEachHopWithinItsParentAndTheRootWithinTheGrant() {
        ChainView view = ChainAssembly.assemble(hops.get(4), ancestorsOf(4), descendantsOf(4), Optional.of(grant),
                StandingFacts.NONE, NOW);

        ChainView.Hop root = view.hops().get(0);
        assertThat(root.comparedWith()).isEqualTo("grant");
        assertThat(root.scopeWithinParent()).isTrue();
        assertThat(root.narrowedScopes()).isEmpty();
        for (int i = 1; i < 5; i++) {
            ChainView.Hop hop = view.hops().get(i);
            assertThat(hop.comparedWith()).isEqualTo("parent");
            assertThat(hop.scopeWithinParent()).isTrue();
            assertThat(hop.narrowedScopes()).as("hop %d drops one scope", i)
                    .containsExactly(TestChains.GRANT_SCOPES.get(i - 1));
            assertThat(hop.exceedingScopes()).isEmpty();
        }
    }

    @Test
    void hopRecordedWithAScopeItsParentLackedWhenAssembledThenNotWithinAndTheExcessNamed() {
        TokenExchanged widened = chain.hop(1);
        TokenDocument forged = document(new TokenExchanged(widened.jti(), widened.parentJti(), widened.lineage(),
                widened.grantId(), widened.userId(), widened.holder(), widened.actorChain(), widened.audience(),
                Scopes.of("s2", "s3", "admin"), widened.subjectIssuer(), widened.subjectTokenId(), widened.keyId(),
                widened.issuedAt(), widened.expiresAt()));

        ChainView view = ChainAssembly.assemble(forged, ancestorsOf(1), new TokenSlice(List.of(), 0), Optional.of(grant),
                StandingFacts.NONE, NOW);

        ChainView.Hop hop = view.hops().get(1);
        assertThat(hop.scopeWithinParent()).isFalse();
        assertThat(hop.exceedingScopes()).containsExactly("admin");
        assertThat(hop.narrowedScopes()).containsExactly("s1", "s4", "s5", "s6");
    }

    @Test
    void ancestorNotIndexedWhenAssembledThenListedAsMissingAndTheChildsScopeCheckUnknown() {
        Map<String, TokenDocument> ancestors = ancestorsOf(3);
        ancestors.remove(hops.get(2).jti());

        ChainView view = ChainAssembly.assemble(hops.get(3), ancestors, new TokenSlice(List.of(), 0), Optional.empty(),
                StandingFacts.NONE, NOW);

        assertThat(view.missingAncestors()).containsExactly(hops.get(2).jti());
        assertThat(view.hops()).extracting(ChainView.Hop::jti)
                .containsExactly(hops.get(0).jti(), hops.get(1).jti(), hops.get(3).jti());
        assertThat(view.hops().get(2).scopeWithinParent()).isNull();
        assertThat(view.hops().get(0).scopeWithinParent()).as("no grant indexed to compare the root with").isNull();
        assertThat(view.grant()).isNull();
    }

    @Test
    void moreDescendantsThanListedWhenAssembledThenIncompleteWithTheTotal() {
        ChainView view = ChainAssembly.assemble(hops.get(0), Map.of(),
                new TokenSlice(List.of(hops.get(1)), 4), Optional.of(grant), StandingFacts.NONE, NOW);

        assertThat(view.descendantsComplete()).isFalse();
        assertThat(view.descendantsTotal()).isEqualTo(4);
    }

    @Test
    void scopeNarrowingWhenComparedThenParentMinusChildAndChildMinusParent() {
        ScopeNarrowing narrowing = ScopeNarrowing.of(List.of("b", "c"), List.of("a", "b"));

        assertThat(narrowing.within()).isFalse();
        assertThat(narrowing.narrowed()).containsExactly("a");
        assertThat(narrowing.exceeding()).containsExactly("c");
        assertThat(ScopeNarrowing.of(List.of(), List.of("a")).within()).isTrue();
    }

    private Map<String, TokenDocument> ancestorsOf(int index) {
        Map<String, TokenDocument> ancestors = new LinkedHashMap<>();
        hops.subList(0, index).forEach(hop -> ancestors.put(hop.jti(), hop));
        return ancestors;
    }

    private TokenSlice descendantsOf(int index) {
        List<TokenDocument> below = hops.subList(index + 1, hops.size());
        return new TokenSlice(below, below.size());
    }

    private static TokenDocument document(TokenExchanged exchanged) {
        return TokenDocument.of(exchanged);
    }
}
