package io.mandate.query.index;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the independent Elasticsearch reads of one API request side by side, so a view's latency is
 * its longest dependent sequence of round trips rather than their sum (a chain: 7 requests → 3 rounds).
 * The reads block (the synchronous client); the pool only lets them wait together. When it is
 * saturated the request's own thread runs the read: a burst degrades to sequential, never fails.
 * A failed read surfaces as the exception it threw ({@code BackendUnavailableException}, ...), unwrapped,
 * so error handling is the same as for a read made in place.
 */
@Component
public class ConcurrentReads implements DisposableBean {

    /** Reads in flight beside the request threads: Elasticsearch's search pool on a small node is ~4 threads. */
    static final int THREADS = 8;
    private static final int QUEUED = 64;

    private final ThreadPoolExecutor pool;

    public ConcurrentReads() {
        this(THREADS, QUEUED);
    }

    ConcurrentReads(int threads, int queued) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                runnable -> {
                    Thread thread = new Thread(runnable, "es-read-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Starts {@code read}; {@link Pending#join()} returns its result or throws what it threw. */
    public <T> Pending<T> start(Supplier<T> read) {
        return new Pending<>(CompletableFuture.supplyAsync(read, pool));
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** A read started by {@link #start}. */
    public static final class Pending<T> {

        private final CompletableFuture<T> future;

        private Pending(CompletableFuture<T> future) {
            this.future = future;
        }

        public T join() {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
