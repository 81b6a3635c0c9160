package io.mandate.issuer.projection;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * Immutable views keyed by aggregate, each replaced only by an event with a greater aggregate
 * sequence: delivery is at-least-once, and a redelivered or older event must change nothing.
 * Readers see a whole view or the one before it, never a half-applied event.
 */
final class VersionedViews<K, V> {

    private final ConcurrentHashMap<K, V> views = new ConcurrentHashMap<>();
    private final ToLongFunction<V> sequenceOf;

    VersionedViews(ToLongFunction<V> sequenceOf) {
        this.sequenceOf = sequenceOf;
    }

    /** Replaces the view of {@code key} by {@code next(current)} unless it already holds {@code sequence}. */
    IssuerProjection.Outcome apply(K key, long sequence, UnaryOperator<V> next) {
        boolean[] applied = {false};
        // compute() keeps the compare-and-replace atomic even if a second writer ever appears.
        views.compute(key, (k, current) -> {
            if (current != null && sequenceOf.applyAsLong(current) >= sequence) {
                return current;
            }
            applied[0] = true;
            return next.apply(current);
        });
        return applied[0] ? IssuerProjection.Outcome.APPLIED : IssuerProjection.Outcome.ALREADY_APPLIED;
    }

    V get(K key) {
        return views.get(key);
    }

    java.util.Collection<V> values() {
        return views.values();
    }

    int size() {
        return views.size();
    }
}
