package io.mandate.infra.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts components in waves (everything in one wave starts in parallel), health-checks each,
 * prints what started where and how long it took, and on any failure stops everything and
 * prints the tail of the failed component's log.
 */
public final class LocalStack {

    private final List<List<Component>> waves;
    private final PrintStream out;

    public LocalStack(List<List<Component>> waves, PrintStream out) {
        this.waves = waves.stream().map(List::copyOf).toList();
        this.out = out;
    }

    /** @throws StackStartException after stopping everything, when a component did not start */
    public void start() {
        for (List<Component> wave : waves) {
            startWave(wave);
        }
    }

    private void startWave(List<Component> wave) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, wave.size()));
        try {
            Map<Component, Future<Long>> started = new LinkedHashMap<>();
            for (Component component : wave) {
                started.put(component, pool.submit(() -> {
                    long begin = System.nanoTime();
                    component.start();
                    return (System.nanoTime() - begin) / 1_000_000;
                }));
            }
            StackStartException failure = null;
            for (Map.Entry<Component, Future<Long>> entry : started.entrySet()) {
                Component component = entry.getKey();
                try {
                    long millis = entry.getValue().get();
                    out.printf("  %-16s up in %5.1f s   %s%n", component.name(), millis / 1000.0,
                            component.describe().get(0));
                    component.describe().stream().skip(1).forEach(line -> out.printf("  %-16s %10s   %s%n", "", "", line));
                    out.printf("  %-16s %10s   log %s%n", "", "", component.logFile());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = new StackStartException(component, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new StackStartException(component, e);
                }
            }
            if (failure != null) {
                out.println();
                out.println(failure.getMessage());
                out.println("---- last lines of " + failure.component().logFile() + " ----");
                out.println(Processes.tail(failure.component().logFile(), 40));
                out.println("---- stopping everything that was started ----");
                stop();
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stops every component, last wave first. */
    public void stop() {
        List<List<Component>> reversed = new ArrayList<>(waves);
        Collections.reverse(reversed);
        for (List<Component> wave : reversed) {
            wave.parallelStream().forEach(component -> {
                boolean wasRunning = component.isRunning();
                component.stop();
                if (wasRunning) {
                    out.printf("  %-16s stopped%n", component.name());
                }
            });
        }
    }

    public void status() {
        waves.stream().flatMap(List::stream).forEach(component -> out.printf("  %-16s %-8s %s%n",
                component.name(), component.isRunning() ? "running" : "stopped", component.describe().get(0)));
    }

    /** A component that did not start, and why. */
    public static final class StackStartException extends RuntimeException {

        private final transient Component component;

        StackStartException(Component component, Throwable cause) {
            super(component.name() + " failed to start: " + (cause == null ? "unknown cause"
                    : cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage()), cause);
            this.component = component;
        }

        public Component component() {
            return component;
        }
    }
}
