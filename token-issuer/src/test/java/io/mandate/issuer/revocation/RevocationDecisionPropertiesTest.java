package io.mandate.issuer.revocation;

import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.messages.id.Jti;
import io.mandate.messages.wire.EventEnvelope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.mandate.issuer.projection.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation decision over random delegation forests and random revocations at every grain
 * (token, grant, client, user), suspensions, reinstatements, deletions and expiries.
 */
class RevocationDecisionPropertiesTest {

    @Property(tries = 1000)
    void checkWhenAnyForestAndEventsThenRevokedSetEqualsTheBruteForceModel(@ForAll("forests") DelegationForest forest) {
        Set<Jti> expected = BruteForceRevocationModel.revokedTokens(forest, forest.allEvents(), forest.now());

        Map<Jti, Verdict> verdicts = verdicts(decide(forest, forest.allEvents()), forest);
        Set<Jti> actual = revoked(verdicts);

        assertThat(actual).isEqualTo(expected);
        // Guards against a vacuous pass: forests must often mix revoked and valid tokens, and
        // every grain must decide some verdicts.
        Statistics.label("mixed").collect(!actual.isEmpty() && actual.size() < forest.tokens().size());
        Statistics.label("mixed").coverage(checker -> checker.check(true).percentage(p -> p > 25));
        verdicts.values().forEach(verdict -> Statistics.label("grain")
                .collect(verdict instanceof Verdict.Revoked revoked ? revoked.grain().name() : "VALID"));
        Statistics.label("grain").coverage(checker -> {
            for (Grain grain : Grain.values()) {
                checker.check(grain.name()).count(count -> count > 0);
            }
        });
    }

    /** Reinstatement is the one event that may lift a refusal, by design: it is left out here. */
    @Property(tries = 1000)
    void checkWhenMoreRevocationsAppliedThenNothingIsUnrevoked(@ForAll("revocationOnlyForests") DelegationForest forest) {
        Decision decision = new Decision(forest);
        forest.setup().forEach(decision.projection::apply);
        Set<Jti> before = revokedSet(decision, forest);

        for (EventEnvelope event : forest.events()) {
            decision.projection.apply(event);
            Set<Jti> after = revokedSet(decision, forest);
            assertThat(after).containsAll(before);
            before = after;
        }
    }

    @Property(tries = 1000)
    void checkWhenEveryEventDeliveredTwiceThenSameVerdicts(@ForAll("forests") DelegationForest forest,
                                                          @ForAll Random random) {
        List<EventEnvelope> once = forest.allEvents();
        List<EventEnvelope> redelivered = new ArrayList<>(once);
        for (EventEnvelope event : once) {
            // At-least-once: a copy may arrive anywhere after the original.
            int original = redelivered.indexOf(event);
            redelivered.add(original + 1 + random.nextInt(redelivered.size() - original), event);
        }

        Decision expected = decide(forest, once);
        Decision actual = decide(forest, redelivered);

        assertThat(verdicts(actual, forest)).isEqualTo(verdicts(expected, forest));
        assertThat(actual.projection.eventsApplied()).isEqualTo(expected.projection.eventsApplied());
        assertThat(actual.projection.eventsAlreadyApplied()).isEqualTo(once.size());
    }

    @Property(tries = 1000)
    void checkWhenAggregatesInterleavedDifferentlyThenSameVerdicts(@ForAll("forests") DelegationForest forest,
                                                                  @ForAll Random random) {
        List<EventEnvelope> generated = forest.allEvents();

        List<EventEnvelope> interleaved = interleave(generated, random);

        assertThat(verdicts(decide(forest, interleaved), forest)).isEqualTo(verdicts(decide(forest, generated), forest));
    }

    @Provide
    Arbitrary<DelegationForest> forests() {
        return forests(Arbitraries.integers().between(0, 7));
    }

    @Provide
    Arbitrary<DelegationForest> revocationOnlyForests() {
        return forests(Arbitraries.of(0, 1, 2, 4, 5, 6, 7));
    }

    private static Arbitrary<DelegationForest> forests(Arbitrary<Integer> eventKinds) {
        Arbitrary<DelegationForest.GrantSeed> grants = Combinators.combine(ints(0, 2), ints(0, 5), ints(0, 120),
                ints(-900, 900)).as(DelegationForest.GrantSeed::new);
        Arbitrary<DelegationForest.TokenSeed> tokens = Combinators.combine(ints(0, 99), ints(0, 99), ints(0, 5),
                ints(0, 60), ints(60, 900)).as(DelegationForest.TokenSeed::new);
        Arbitrary<DelegationForest.EventSeed> events = Combinators.combine(eventKinds, ints(0, 99), ints(0, 400))
                .as(DelegationForest.EventSeed::new);
        return Combinators.combine(grants.list().ofMinSize(1).ofMaxSize(4), tokens.list().ofMinSize(2).ofMaxSize(25),
                        events.list().ofMaxSize(12), ints(60, 300))
                .as(DelegationForest.Seeds::new).map(DelegationForest::decode);
    }

    private static Arbitrary<Integer> ints(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    /** A projection and lineage fed with the forest's tokens, as the issuer would have recorded them. */
    private static final class Decision {
        final IssuerProjection projection = new IssuerProjection();
        final RevocationState state;

        Decision(DelegationForest forest) {
            // The clock only drives lineage eviction; before every token's expiry, it evicts nothing.
            state = new RevocationState(projection, new TokenLineage(Clock.fixed(T0, ZoneOffset.UTC)));
            forest.tokens().forEach(state::recordIssued);
        }
    }

    private static Decision decide(DelegationForest forest, List<EventEnvelope> events) {
        Decision decision = new Decision(forest);
        events.forEach(decision.projection::apply);
        return decision;
    }

    private static Map<Jti, Verdict> verdicts(Decision decision, DelegationForest forest) {
        Map<Jti, Verdict> verdicts = new LinkedHashMap<>();
        forest.tokens().forEach(token -> verdicts.put(token.jti(), decision.state.check(token, forest.now())));
        return verdicts;
    }

    private static Set<Jti> revokedSet(Decision decision, DelegationForest forest) {
        return revoked(verdicts(decision, forest));
    }

    private static Set<Jti> revoked(Map<Jti, Verdict> verdicts) {
        Set<Jti> revoked = new HashSet<>();
        verdicts.forEach((jti, verdict) -> {
            if (verdict.isRevoked()) {
                revoked.add(jti);
            }
        });
        return revoked;
    }

    /** A random merge of the per-aggregate streams: each aggregate keeps its own order, as Kafka keys do. */
    private static List<EventEnvelope> interleave(List<EventEnvelope> events, Random random) {
        Map<String, Deque<EventEnvelope>> byAggregate = new LinkedHashMap<>();
        events.forEach(event -> byAggregate.computeIfAbsent(event.aggregateId(), id -> new ArrayDeque<>()).add(event));
        List<Deque<EventEnvelope>> streams = new ArrayList<>(byAggregate.values());
        List<EventEnvelope> merged = new ArrayList<>();
        while (!streams.isEmpty()) {
            int pick = random.nextInt(streams.size());
            merged.add(streams.get(pick).poll());
            if (streams.get(pick).isEmpty()) {
                streams.remove(pick);
            }
        }
        return merged;
    }
}
