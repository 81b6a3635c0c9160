package io.mandate.command.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs {@code operations} calls of one operation spread over a fixed number of threads; answers operations per second. */
final class Throughput implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;

    Throughput(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** @param operation called with 0..operations-1, each index once, by whichever thread is free */
    double measure(int operations, IntConsumer operation) throws InterruptedException, ExecutionException {
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers.add(pool.submit(() -> {
                for (int i = first; i < operations; i += threads) {
                    operation.accept(i);
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return operations / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
