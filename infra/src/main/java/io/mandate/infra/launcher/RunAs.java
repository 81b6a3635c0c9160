package io.mandate.infra.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Elasticsearch refuses to run as root. When the launcher is root, such children run as an
 * unprivileged user (default {@code nobody}, {@code MANDATE_RUN_AS_USER} to change) that owns
 * their data folders; otherwise they run as the launcher's own user.
 */
public final class RunAs {

    private final String user;

    private RunAs(String user) {
        this.user = user;
    }

    public static RunAs detect() {
        boolean root = "root".equals(System.getProperty("user.name"));
        String configured = System.getenv().getOrDefault("MANDATE_RUN_AS_USER", "nobody");
        return new RunAs(root ? configured : null);
    }

    public boolean dropsPrivileges() {
        return user != null;
    }

    public String describe() {
        return user == null ? System.getProperty("user.name") : user + " (launcher is root)";
    }

    /** The command, prefixed so that it runs as the unprivileged user when needed. */
    public List<String> wrap(List<String> command) {
        if (user == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives the unprivileged user the folders it writes to. */
    public void own(Path... folders) {
        if (user == null) {
            return;
        }
        for (Path folder : folders) {
            Processes.run(List.of("chown", "-R", user + ":", folder.toString()), Map.of(), Path.of("/"),
                    Duration.ofMinutes(1));
        }
    }

    /** Fails with an explanation when the unprivileged user cannot reach a folder it needs. */
    public void requireAccess(Path folder, String why) {
        if (user == null) {
            return;
        }
        try {
            Processes.run(wrap(List.of("test", "-r", folder.toString(), "-a", "-x", folder.toString())),
                    Map.of(), Path.of("/"), Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("user '" + user + "' cannot read " + folder + " (" + why + "). "
                    + "Running as root, Elasticsearch runs as '" + user + "': put the checkout (or MANDATE_HOME) "
                    + "under a folder that user can traverse, or set MANDATE_RUN_AS_USER.");
        }
    }
}
