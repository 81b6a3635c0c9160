package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the build put what the launcher runs: the unpacked Elasticsearch, the Kafka broker's
 * jars and the services' executable jars, all under the checkout's {@code target/} folders.
 */
public record Distributions(Path root) {

    /** Finds the checkout from a folder inside it (the test JVM's working directory, say). */
    public static Distributions locate(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/kafka-dist")) && Files.exists(dir.resolve("mvnw"))) {
                return new Distributions(dir);
            }
        }
        throw new IllegalStateException("not inside a Mandate checkout: " + from);
    }

    public Path kafkaLibs() {
        return require(root.resolve("infra/kafka-dist/target/kafka-libs"), "Kafka broker jars");
    }

    public Path elasticsearch() {
        Path unpacked = require(root.resolve("infra/target/elasticsearch"), "Elasticsearch");
        try (Stream<Path> dirs = Files.list(unpacked)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("elasticsearch-")).findFirst()
                    .orElseThrow(() -> missing(unpacked, "Elasticsearch"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path serviceJar(String module) {
        Path target = require(root.resolve(module).resolve("target"), module);
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(module + "-[^/]*\\.jar"))
                    .filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst().orElseThrow(() -> missing(target, module + " jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path require(Path path, String what) {
        if (!Files.exists(path)) {
            throw missing(path, what);
        }
        return path;
    }

    private static IllegalStateException missing(Path path, String what) {
        return new IllegalStateException(what + " not found at " + path + ": build first (./mandate build)");
    }
}
