package io.mandate.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The revocation race's counts, per grain and in total, and the report printed at the end. */
final class RaceTally {

    /** Counts of one grain. */
    static final class Counts {
        long rounds;
        long attempts;
        long issued;
        long refused;
        /** Exchanges sent after the revocation returned: the ones the guarantee is about. */
        long sentAfterAcknowledgement;
        /** Refused although answered before the revocation was even sent (other than 503). */
        long refusedBeforeRevocation;
        long introspected;
        long unverified;
        long violations;
        final Map<String, Long> outcomes = new TreeMap<>();

        private void add(RaceJudge.Judgement judgement) {
            RaceRound.Outcome outcome = judgement.outcome();
            rounds++;
            for (RaceRound.Attempt attempt : outcome.attempts()) {
                attempts++;
                outcomes.merge(attempt.status() == 200 ? "200" : attempt.status() + " " + attempt.error(), 1L, Long::sum);
                if (attempt.status() == 200) {
                    issued++;
                } else {
                    refused++;
                    if (attempt.answeredAt() < outcome.revocationSentAt() && attempt.status() != 503) {
                        refusedBeforeRevocation++;
                    }
                }
                if (attempt.sentAt() > outcome.revocationReturnedAt()) {
                    sentAfterAcknowledgement++;
                }
            }
            introspected += judgement.introspected();
            unverified += judgement.unverified();
            violations += judgement.violations();
        }
    }

    /** Where the race's time went. */
    enum Phase { SET_UP, EXCHANGE_AND_REVOKE, INTROSPECT }

    private final Map<RaceRound.Grain, Counts> grains = new EnumMap<>(RaceRound.Grain.class);
    private final Map<Phase, Long> phaseNanos = new EnumMap<>(Phase.class);
    private final List<Long> latencies = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();

    void add(RaceJudge.Judgement judgement) {
        grains.computeIfAbsent(judgement.outcome().grain(), grain -> new Counts()).add(judgement);
        judgement.outcome().attempts().forEach(attempt -> latencies.add(attempt.answeredAt() - attempt.sentAt()));
        judgement.examples().stream().limit(Math.max(0, 10 - examples.size())).forEach(examples::add);
    }

    void time(Phase phase, long sinceNanos) {
        phaseNanos.merge(phase, System.nanoTime() - sinceNanos, Long::sum);
    }

    Map<RaceRound.Grain, Counts> grains() {
        return grains;
    }

    long attempts() {
        return grains.values().stream().mapToLong(counts -> counts.attempts).sum();
    }

    long violations() {
        return grains.values().stream().mapToLong(counts -> counts.violations).sum();
    }

    long unverified() {
        return grains.values().stream().mapToLong(counts -> counts.unverified).sum();
    }

    long refusedBeforeRevocation() {
        return grains.values().stream().mapToLong(counts -> counts.refusedBeforeRevocation).sum();
    }

    private Map<Phase, String> phaseSeconds() {
        Map<Phase, String> seconds = new EnumMap<>(Phase.class);
        phaseNanos.forEach((phase, nanos) -> seconds.put(phase, String.format(Locale.ROOT, "%.1f s", nanos / 1e9)));
        return seconds;
    }

    private static double percentile(List<Long> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1)) / 1e6;
    }

    List<String> examples() {
        return examples;
    }

    String report(Duration elapsed) {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nRevocation race: %,d exchange attempts in %d s (%.0f/s), %,d violations%n",
                attempts(), elapsed.toSeconds(), attempts() * 1000.0 / Math.max(1, elapsed.toMillis()), violations()));
        report.append(String.format(Locale.ROOT, "%-7s %6s %9s %9s %9s %11s %12s %11s %10s  %s%n", "grain", "rounds",
                "attempts", "issued", "refused", "after-ack", "introspected", "unverified", "violations", "outcomes"));
        grains.forEach((grain, c) -> report.append(String.format(Locale.ROOT,
                "%-7s %6d %9d %9d %9d %11d %12d %11d %10d  %s%n", grain, c.rounds, c.attempts, c.issued, c.refused,
                c.sentAfterAcknowledgement, c.introspected, c.unverified, c.violations, c.outcomes)));
        List<Long> sorted = latencies.stream().sorted().toList();
        report.append(String.format(Locale.ROOT, "exchange latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; time in %s%n",
                percentile(sorted, 0.5), percentile(sorted, 0.99), percentile(sorted, 1.0), phaseSeconds()));
        examples.forEach(example -> report.append("  violation: ").append(example).append('\n'));
        return report.toString();
    }
}
