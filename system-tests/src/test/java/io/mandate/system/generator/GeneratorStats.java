package io.mandate.system.generator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the generator wrote: events by type, refusals by reason, tokens by chain depth, revocations by grain. */
final class GeneratorStats {

    private final Map<String, Long> byType = new TreeMap<>();
    private final Map<String, Long> refusals = new TreeMap<>();
    private final Map<Integer, Long> depths = new TreeMap<>();
    private final Map<String, Long> revocations = new TreeMap<>();
    private final AtomicLong commandEvents = new AtomicLong();
    private long ledgerEvents;

    synchronized void ledgerEvent(String type) {
        byType.merge(type, 1L, Long::sum);
        ledgerEvents++;
    }

    synchronized void refusal(String reason) {
        refusals.merge(reason, 1L, Long::sum);
    }

    synchronized void depth(int depth) {
        depths.merge(depth, 1L, Long::sum);
    }

    synchronized void revocation(String grain) {
        revocations.merge(grain, 1L, Long::sum);
    }

    /** Events the command side writes for an API call (its cascades are counted from the store at the end). */
    void commandEvents(long count) {
        commandEvents.addAndGet(count);
    }

    synchronized long written() {
        return ledgerEvents + commandEvents.get();
    }

    synchronized long ledgerEvents() {
        return ledgerEvents;
    }

    synchronized String describe() {
        return "ledger events by type " + byType + "; tokens by chain depth " + depths + "; refusals by reason " + refusals
                + "; revocations through the command API by grain " + revocations + "; events from command API calls ≈ "
                + commandEvents.get();
    }
}
