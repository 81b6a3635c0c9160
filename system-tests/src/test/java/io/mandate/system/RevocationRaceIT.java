package io.mandate.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation guarantee, counted: "≥ 100,000 concurrent exchange/revoke trials: once a
 * revocation is acknowledged to its caller, no issuer issues a token from what it revoked, and
 * introspection reports every token under it inactive. Zero violations."
 *
 * <p>Rounds rotate the grain (grant, user and agent revocation through the command API, and RFC
 * 7009 revocation of the parent token by its holder). Each round races {@code threads} exchanging
 * threads against one revocation sent after a random number of attempts; a trial is one exchange
 * attempt. Settings (system properties): {@code mandate.race.trials} (100000),
 * {@code mandate.race.threads} (128), {@code mandate.race.roundAttempts} (2000),
 * {@code mandate.race.seed} (random, printed).
 */
class RevocationRaceIT {

    private static final int TRIALS = Integer.getInteger("mandate.race.trials", 100_000);
    private static final int THREADS = Integer.getInteger("mandate.race.threads", 128);
    private static final int ROUND_ATTEMPTS = Integer.getInteger("mandate.race.roundAttempts", 2000);
    private static final long SEED = Long.getLong("mandate.race.seed", System.nanoTime());
    /** Rounds whose agents and grants are registered together, then awaited in the issuer together. */
    private static final int SETUP_BATCH = 20;

    @Test
    void exchangesWhenRacingRevocationsAtEveryGrainThenNothingIssuedAfterTheAcknowledgementAndAllInactive() {
        RaceRound.Grain[] grains = RaceRound.Grain.values();
        int rounds = roundUpTo(Math.max(grains.length, (TRIALS + ROUND_ATTEMPTS - 1) / ROUND_ATTEMPTS), grains.length);
        Random random = new Random(SEED);
        System.out.printf("Revocation race: %d rounds of %d attempts, %d threads, seed %d%n", rounds, ROUND_ATTEMPTS,
                THREADS, SEED);
        RaceTally tally = new RaceTally();
        RunningMandate mandate = RunningMandate.get();
        IssuerMetrics before = IssuerMetrics.read(mandate);
        CpuUse cpuBefore = CpuUse.now();
        long started = System.nanoTime();
        try (RaceStage stage = RaceStage.set(UUID.randomUUID().toString().substring(0, 8), mandate, THREADS)) {
            RaceJudge judge = new RaceJudge(stage);
            for (int first = 0; first < rounds; first += SETUP_BATCH) {
                long setUpStarted = System.nanoTime();
                List<RaceRound> batch = setUp(stage, first, Math.min(rounds, first + SETUP_BATCH), grains);
                tally.time(RaceTally.Phase.SET_UP, setUpStarted);
                for (RaceRound round : batch) {
                    // the revocation goes out somewhere between 5 % and 60 % of the round's attempts: early
                    // enough that most attempts race it or follow it, late enough that many tokens precede it
                    int revokeAt = 1 + ROUND_ATTEMPTS / 20 + random.nextInt(Math.max(1, ROUND_ATTEMPTS * 11 / 20));
                    long runStarted = System.nanoTime();
                    RaceRound.Outcome outcome = round.run(ROUND_ATTEMPTS, revokeAt);
                    tally.time(RaceTally.Phase.EXCHANGE_AND_REVOKE, runStarted);
                    long judgeStarted = System.nanoTime();
                    tally.add(judge.judge(outcome));
                    tally.time(RaceTally.Phase.INTROSPECT, judgeStarted);
                }
                System.out.printf("  %d/%d rounds, %,d attempts, %,d violations, %d s%n", Math.min(rounds,
                        first + SETUP_BATCH), rounds, tally.attempts(), tally.violations(), seconds(started));
            }
        }
        System.out.println(tally.report(Duration.ofNanos(System.nanoTime() - started)));
        System.out.println(IssuerMetrics.read(mandate).since(before) + "; " + CpuUse.now().since(cpuBefore));

        assertThat(tally.violations()).as("violations: %s", tally.examples()).isZero();
        assertThat(tally.unverified()).as("introspections that never answered").isZero();
        assertThat(tally.attempts()).as("trials").isGreaterThanOrEqualTo(TRIALS);
        assertThat(tally.refusedBeforeRevocation()).as("exchanges refused before anything was revoked").isZero();
        tally.grains().forEach((grain, counts) -> {
            assertThat(counts.issued).as("%s: tokens issued before the revocation", grain).isPositive();
            assertThat(counts.sentAfterAcknowledgement).as("%s: exchanges sent after the acknowledgement", grain)
                    .isPositive();
        });
    }

    private static List<RaceRound> setUp(RaceStage stage, int from, int to, RaceRound.Grain[] grains) {
        List<Callable<RaceRound>> setUps = new ArrayList<>();
        for (int number = from; number < to; number++) {
            int round = number;
            setUps.add(() -> RaceRound.setUp(stage, round, grains[round % grains.length]));
        }
        List<RaceRound> rounds = stage.runAll(setUps);
        stage.admin.awaitIssuerHas(rounds.stream().map(RaceRound::grantId).toList(),
                rounds.stream().map(RaceRound::agent).toList());
        return rounds;
    }

    private static int roundUpTo(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }
}
