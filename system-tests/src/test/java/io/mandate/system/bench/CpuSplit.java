package io.mandate.system.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU seconds per process group (Linux {@code /proc}), read before and after a round: on a shared
 * 2-core machine, where the load generator runs beside the stack, the split says who used the cores.
 * Only this checkout's processes are grouped by part (their command line, executable or working
 * directory lies under the project root): other engineers' stacks on the same machine run the same
 * jars and servers, and count as {@code others}.
 */
record CpuSplit(Map<String, Long> ticks) {

    private static final double TICKS_PER_SECOND = 100.0;
    private static final long SELF = ProcessHandle.current().pid();
    private static final String ROOT = projectRoot();

    static CpuSplit now() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String group : new String[] {"token-issuer", "command-service", "query-service", "dashboard", "postgres",
                "kafka", "elasticsearch", "keycloak", "load generator", "others", "machine"}) {
            ticks.put(group, 0L);
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);  // utime + stime
                    ticks.merge(group(p), used, Long::sum);
                } catch (Exception e) {
                    // the process ended meanwhile
                }
            });
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8; i++) {
                busy += (i == 4 || i == 5) ? 0 : Long.parseLong(machine[i]);  // idle and iowait are not busy
            }
            ticks.put("machine", busy);
        } catch (Exception e) {
            // not Linux: zeros
        }
        return new CpuSplit(ticks);
    }

    /** The token-issuer's process id, if it runs. */
    static OptionalLong issuerPid() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> group(p).equals("token-issuer"))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }

    private static String group(Path process) {
        if (Long.parseLong(process.getFileName().toString()) == SELF) {
            return "load generator";
        }
        String command;
        try {
            command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (Exception e) {
            return "others";
        }
        if (!command.contains(ROOT) && !linkUnderRoot(process.resolve("cwd")) && !linkUnderRoot(process.resolve("exe"))) {
            return "others";
        }
        for (String service : new String[] {"token-issuer", "command-service", "query-service", "dashboard"}) {
            if (command.contains("/" + service + "-") && command.contains(".jar")) {
                return service;
            }
        }
        if (command.startsWith("postgres") || command.contains("/postgres ") || command.contains("bin/postgres")) {
            return "postgres";
        }
        if (command.contains("kc.home.dir") || command.contains("/keycloak-")) {
            return "keycloak";
        }
        if (command.contains("kafka.Kafka")) {
            return "kafka";
        }
        if (command.contains("elasticsearch")) {
            return "elasticsearch";
        }
        return "others";
    }

    private static boolean linkUnderRoot(Path link) {
        try {
            return Files.readSymbolicLink(link).toString().startsWith(ROOT);
        } catch (Exception e) {
            return false;
        }
    }

    private static String projectRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return (Files.exists(dir.resolve("system-tests")) ? dir : dir.getParent()).toString();
    }

    /**
     * Milliseconds of CPU per answered request for the groups that matter for A/B comparisons (the
     * steadier figures on a shared machine), between {@code before} and now.
     */
    String perRequest(CpuSplit before, long answered, String... groups) {
        StringBuilder text = new StringBuilder("CPU ms per answered request:");
        for (String group : groups) {
            long ticksUsed = ticks.getOrDefault(group, 0L) - before.ticks.getOrDefault(group, 0L);
            text.append(String.format(Locale.ROOT, " %s %.3f;", group,
                    answered == 0 ? Double.NaN : ticksUsed / TICKS_PER_SECOND * 1000 / answered));
        }
        return text.toString();
    }

    /** CPU seconds per group between {@code before} and now, and as a share of the machine's busy time. */
    String since(CpuSplit before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        ticks.forEach((group, value) -> delta.put(group, value - before.ticks.getOrDefault(group, 0L)));
        long machine = Math.max(1, delta.remove("machine"));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "CPU %.1f s busy:", machine / TICKS_PER_SECOND));
        delta.forEach((group, value) -> {
            if (value > 0) {
                text.append(String.format(Locale.ROOT, " %s %.1f s (%.0f%%);", group, value / TICKS_PER_SECOND,
                        100.0 * value / machine));
            }
        });
        return text.toString();
    }
}
