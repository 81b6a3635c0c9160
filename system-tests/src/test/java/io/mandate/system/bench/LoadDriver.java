package io.mandate.system.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs a fixed number of workers for a duration, each repeating an {@link Iteration} (one or more
 * requests), and collects latencies and outcomes. Two modes:
 * <ul>
 *   <li><b>closed loop</b> ({@code rate = 0}): each worker starts its next iteration as soon as the
 *       previous one answered — the peak rate the system sustains with that many clients;</li>
 *   <li><b>open loop</b> ({@code rate > 0} iterations/s): iterations are due on a fixed schedule shared
 *       by all workers, and a request's latency is counted from when it was <em>due</em>, not from
 *       when a worker got round to sending it, so a system that falls behind shows its queueing in
 *       the percentiles (no coordinated omission). Used to compare p99 at one system's peak rate.</li>
 * </ul>
 */
final class LoadDriver {

    /** One worker's view of a round: where an iteration reports what happened. */
    interface Recorder {
        /** The start to count the next request's latency from (its due time in open loop). */
        long requestStart();

        void latency(long started);

        void ok();

        void refused();

        void firstHop();

        void unexpected(String example);
    }

    /** One worker's repeated unit of work. */
    interface Iteration {
        void run(Recorder recorder);
    }

    /** One round's results. */
    record Result(double seconds, long[] latenciesNanos, long ok, long refused, long unexpected, long firstHops,
                  List<String> examples) {

        double throughput() {
            return (ok + refused) / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }
    }

    private LoadDriver() {
    }

    static Result run(int workers, Duration duration, double ratePerSecond, Supplier<Iteration> iterations)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long interval = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        AtomicLong nextDue = new AtomicLong(start);
        List<long[]> latencies = new CopyOnWriteArrayList<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        AtomicLong firstHops = new AtomicLong();
        List<String> examples = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Iteration iteration = iterations.get();
            Thread thread = new Thread(() -> {
                WorkerRecorder recorder = new WorkerRecorder(ok, refused, unexpected, firstHops, examples);
                while (true) {
                    long due = interval == 0 ? System.nanoTime() : nextDue.getAndAdd(interval);
                    if (due >= deadline) {
                        break;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    recorder.due = interval == 0 ? 0 : due;
                    iteration.run(recorder);
                }
                latencies.add(Arrays.copyOf(recorder.latencies, recorder.count));
            }, "bench-worker-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(seconds, all, ok.get(), refused.get(), unexpected.get(), firstHops.get(), List.copyOf(examples));
    }

    private static final class WorkerRecorder implements Recorder {
        private final AtomicLong ok;
        private final AtomicLong refused;
        private final AtomicLong unexpected;
        private final AtomicLong firstHops;
        private final List<String> examples;
        private long[] latencies = new long[4096];
        private int count;
        /** Due time of the current iteration in open loop (its first request counts from it), else 0. */
        private long due;

        WorkerRecorder(AtomicLong ok, AtomicLong refused, AtomicLong unexpected, AtomicLong firstHops,
                       List<String> examples) {
            this.ok = ok;
            this.refused = refused;
            this.unexpected = unexpected;
            this.firstHops = firstHops;
            this.examples = examples;
        }

        @Override
        public long requestStart() {
            long now = System.nanoTime();
            long start = due != 0 ? Math.min(due, now) : now;
            due = 0;  // a second request in the same iteration counts from when it is sent
            return start;
        }

        @Override
        public void latency(long started) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = System.nanoTime() - started;
        }

        @Override
        public void ok() {
            ok.incrementAndGet();
        }

        @Override
        public void refused() {
            refused.incrementAndGet();
        }

        @Override
        public void firstHop() {
            firstHops.incrementAndGet();
        }

        @Override
        public void unexpected(String example) {
            unexpected.incrementAndGet();
            if (examples.size() < 5) {
                examples.add(example);
            }
        }
    }
}
