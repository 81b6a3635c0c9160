package io.mandate.infra.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's own promise, on the real processes: up starts and reports every component,
 * down leaves no process and no port, and state survives a restart.
 */
class LauncherIT {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private Launcher launcher;
    private StackSettings settings;

    @AfterEach
    void stopWhatever() {
        System.out.println(printed.toString(StandardCharsets.UTF_8)); // the launcher's report, for a failure
        if (launcher != null) {
            launcher.down();
            try (java.util.stream.Stream<Path> paths = Files.walk(settings.home())) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (java.io.IOException e) {
                System.err.println("could not delete " + settings.home() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void upDownUpWhenInfrastructureOnlyThenStateSurvivesAndNothingIsLeftBehind() throws Exception {
        Path home = Files.createDirectories(Distributions.locate(Path.of(System.getProperty("user.dir")))
                .root().resolve("target").resolve("launcher-it-" + ProcessHandle.current().pid()));
        settings = StackSettings.fromEnvironment(home, Map.of()).withFreePorts(home);
        launcher = new Launcher(settings, Distributions.locate(Path.of(System.getProperty("user.dir"))),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(launcher.up(true, true)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("PostgreSQL", "Kafka", "Elasticsearch", "up in", "fsync on", "mandate.grants");
        execute("create table survivor (value text)", "insert into survivor values ('still here')");

        assertThat(launcher.down()).isZero();
        settings.ports().values().forEach(port -> assertThat(Processes.isListening(port.number()))
                .as("port %s after down", port).isFalse());
        assertThat(Processes.livePid(home.resolve("postgres/data/postmaster.pid"))).isEmpty();
        assertThat(Processes.livePid(home.resolve("run/kafka.pid"))).isEmpty();
        assertThat(Processes.livePid(home.resolve("elasticsearch/elasticsearch.pid"))).isEmpty();

        assertThat(launcher.up(false, true)).isZero();
        assertThat(query("select value from survivor")).isEqualTo("still here");
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
