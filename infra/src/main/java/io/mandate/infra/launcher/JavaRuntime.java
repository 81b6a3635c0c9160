package io.mandate.infra.launcher;

import java.nio.file.Path;

/** The Java that runs the launcher also runs Kafka, Elasticsearch and the services. */
final class JavaRuntime {

    private JavaRuntime() {
    }

    static String home() {
        return System.getProperty("java.home");
    }

    static String executable() {
        return Path.of(home(), "bin", "java").toString();
    }
}
