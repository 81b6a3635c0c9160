package io.mandate.issuer.projection;

import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.wire.EventEnvelope;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The issuer's in-memory view of grants, built from the Kafka topics (DESIGN: "token issuance
 * reads projected grant state"). One reader thread writes; request threads read lock-free.
 * Idempotent: delivery is at-least-once, so an event is applied only when its sequence is
 * greater than the last one applied to its aggregate.
 */
@Component
public class GrantProjection {

    /** What {@link #apply} did with an event. */
    public enum Outcome {
        APPLIED,
        /** A redelivery, or an event older than what the view already holds. */
        ALREADY_APPLIED,
        /** An event this projection has no use for. */
        IGNORED
    }

    private final ConcurrentHashMap<GrantId, GrantView> grants = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong alreadyApplied = new AtomicLong();
    private volatile boolean caughtUp;

    public Outcome apply(EventEnvelope envelope) {
        Outcome outcome = envelope.payload() instanceof GrantCreated created
                ? applyCreated(created, envelope.sequence())
                : Outcome.IGNORED;
        if (outcome == Outcome.APPLIED) {
            applied.incrementAndGet();
        } else if (outcome == Outcome.ALREADY_APPLIED) {
            alreadyApplied.incrementAndGet();
        }
        return outcome;
    }

    public Optional<GrantView> find(GrantId grantId) {
        return Optional.ofNullable(grants.get(grantId));
    }

    public int grantCount() {
        return grants.size();
    }

    /** True once the projection holds every event that existed when the issuer started. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    public long eventsApplied() {
        return applied.get();
    }

    public long eventsAlreadyApplied() {
        return alreadyApplied.get();
    }

    void markCaughtUp() {
        caughtUp = true;
    }

    private Outcome applyCreated(GrantCreated event, long sequence) {
        GrantView candidate = GrantView.created(event, sequence);
        // compute() keeps the compare-and-replace atomic even if a second writer ever appears.
        GrantView result = grants.compute(event.grantId(),
                (id, current) -> current != null && current.sequence() >= sequence ? current : candidate);
        return result == candidate ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }
}
