package io.mandate.system;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The machine's CPU time (Linux {@code /proc/stat}) and this test JVM's, read before and after a
 * load: on a shared machine a throughput figure means little without what else was running.
 */
record CpuUse(long busyTicks, long totalTicks, long testJvmNanos, long wallNanos) {

    /** USER_HZ: the unit of /proc/stat on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuUse now() {
        long busy = 0;
        long total = 0;
        try {
            long[] ticks = Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"))
                    .skip(1).limit(8).mapToLong(Long::parseLong).toArray();
            for (int i = 0; i < ticks.length; i++) {
                total += ticks[i];
                busy += (i == 3 || i == 4) ? 0 : ticks[i];  // idle and iowait are not busy
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the report says 0
        }
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
        return new CpuUse(busy, total, jvm, System.nanoTime());
    }

    String since(CpuUse before) {
        double busy = (busyTicks - before.busyTicks) / TICKS_PER_SECOND;
        double total = (totalTicks - before.totalTicks) / TICKS_PER_SECOND;
        return String.format(Locale.ROOT, "machine CPU busy %.0f s of %.0f s (%d cores, %.0f s wall), of which this "
                        + "test JVM %.0f s", busy, total, Runtime.getRuntime().availableProcessors(),
                (wallNanos - before.wallNanos) / 1e9, (testJvmNanos - before.testJvmNanos) / 1e9);
    }
}
