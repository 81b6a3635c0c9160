package io.mandate.system;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Judges a round of the revocation race against the guarantee: once the revocation returned,
 * (i) no exchange sent afterwards got a token, and (ii) every token of the round — the parent
 * and each child, issued before or concurrently — introspects inactive.
 */
final class RaceJudge {

    /** A round's judgement; {@code unverified} counts introspections that never answered 200. */
    record Judgement(RaceRound.Outcome outcome, long issuedAfterAcknowledgement, int introspected, int active,
                     int unverified, List<String> examples) {

        long violations() {
            return issuedAfterAcknowledgement + active;
        }
    }

    /** A token to introspect, and the client serving its audience that asks. */
    private record Inspection(String token, ClientCredential asker, String what) {
    }

    private static final int INTROSPECTION_TRIES = 5;

    private final RaceStage stage;

    RaceJudge(RaceStage stage) {
        this.stage = stage;
    }

    Judgement judge(RaceRound.Outcome outcome) {
        List<String> examples = new ArrayList<>();
        long issuedAfter = 0;
        for (RaceRound.Attempt attempt : outcome.attempts()) {
            if (attempt.sentAt() > outcome.revocationReturnedAt() && attempt.status() == 200) {
                issuedAfter++;
                example(examples, "%s: exchange sent %.1f ms after the revocation returned got a token",
                        outcome.grain(), (attempt.sentAt() - outcome.revocationReturnedAt()) / 1e6);
            }
        }
        List<Inspection> toInspect = new ArrayList<>();
        toInspect.add(new Inspection(outcome.parentToken(), stage.mcp, "parent"));
        outcome.attempts().stream().filter(attempt -> attempt.status() == 200)
                .forEach(attempt -> toInspect.add(new Inspection(attempt.token(), stage.api, "child")));
        int[] counts = introspectAll(toInspect, outcome, examples);
        return new Judgement(outcome, issuedAfter, toInspect.size(), counts[0], counts[1], examples);
    }

    /** Introspects in parallel; returns {active, unverified}. */
    private int[] introspectAll(List<Inspection> tokens, RaceRound.Outcome outcome, List<String> examples) {
        int slices = Math.max(1, stage.threads);
        List<Callable<int[]>> tasks = new ArrayList<>();
        for (int slice = 0; slice < slices; slice++) {
            int first = slice;
            tasks.add(() -> {
                int[] counts = new int[2];
                for (int i = first; i < tokens.size(); i += slices) {
                    Inspection inspection = tokens.get(i);
                    Boolean active = isActive(inspection.token(), inspection.asker());
                    if (active == null) {
                        counts[1]++;
                    } else if (active) {
                        counts[0]++;
                        synchronized (examples) {
                            example(examples, "%s: a %s token introspects active after the revocation returned",
                                    outcome.grain(), inspection.what());
                        }
                    }
                }
                return counts;
            });
        }
        int[] total = new int[2];
        for (int[] counts : stage.runAll(tasks)) {
            total[0] += counts[0];
            total[1] += counts[1];
        }
        return total;
    }

    /** Asked of the client serving the token's audience; null when it never answers 200. */
    private Boolean isActive(String token, ClientCredential audienceServer) {
        for (int i = 0; i < INTROSPECTION_TRIES; i++) {
            try {
                OAuthClient.Response response = stage.oauth.introspect(audienceServer, token);
                if (response.ok()) {
                    return response.body().path("active").asBoolean(false);
                }
            } catch (UncheckedIOException e) {
                // retried below
            }
            sleep(100L << i);
        }
        return null;
    }

    private static void example(List<String> examples, String format, Object... arguments) {
        if (examples.size() < 5) {
            examples.add(String.format(Locale.ROOT, format, arguments));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
