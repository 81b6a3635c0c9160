package io.mandate.system.bench.query;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Recorded latencies in milliseconds and their percentiles (nearest rank), and medians across rounds. */
final class Latencies {

    private double[] values = new double[1024];
    private int size;

    synchronized void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    synchronized int size() {
        return size;
    }

    synchronized double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    static <T> double median(List<T> rows, ToDoubleFunction<T> column) {
        double[] sorted = rows.stream().mapToDouble(column).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
