package io.mandate.infra.launcher;

import java.nio.file.Path;
import java.util.List;

/** One process of the local stack: started, health-checked and stopped by the launcher. */
public interface Component {

    String name();

    /** Starts it (or adopts an instance already running from this home) and returns once healthy. */
    void start();

    /** Stops it and everything it started; a no-op when it is not running. */
    void stop();

    boolean isRunning();

    /** Where it listens and keeps its data: one line each, for the launcher's summary. */
    List<String> describe();

    Path logFile();
}
