package io.mandate.infra.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL 17 from Maven Central (zonky's binaries), the event store. Durable by default
 * (fsync, synchronous commit, full-page writes); the postmaster outlives the launcher and is
 * found again through its own {@code postmaster.pid}. As root, zonky runs it unprivileged.
 */
final class PostgresComponent implements Component {

    static final String DATABASE = "mandate";

    /**
     * Servers this JVM started. zonky holds a file lock in the data folder until closed, so a
     * JVM that starts a data folder again (a test, say) must close its earlier instance first.
     */
    private static final Map<Path, EmbeddedPostgres> STARTED_HERE = new ConcurrentHashMap<>();

    private final StackSettings settings;
    private final Path dataDir;
    private final Path binariesDir;
    private final Path logFile;

    PostgresComponent(StackSettings settings) {
        this.settings = settings;
        this.dataDir = settings.home().resolve("postgres/data");
        this.binariesDir = settings.home().resolve("postgres/binaries");
        this.logFile = settings.home().resolve("logs/postgres.log");
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public void start() {
        if (!isRunning()) {
            Ports.requireFree(settings.port(StackSettings.POSTGRES), name());
            launch();
        }
        createDatabaseIfMissing();
    }

    private void launch() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binariesDir);
            Files.createDirectories(logFile.getParent());
            String durable = settings.durable() ? "on" : "off";
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setPort(settings.port(StackSettings.POSTGRES).number())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable)
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start(); // deliberately not closed: the server outlives this JVM until stop()
            STARTED_HERE.put(dataDir, server);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    private void createDatabaseIfMissing() {
        String url = "jdbc:postgresql://127.0.0.1:" + settings.port(StackSettings.POSTGRES).number() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        EmbeddedPostgres startedHere = STARTED_HERE.remove(dataDir);
        if (startedHere != null) {
            try {
                startedHere.close();
            } catch (IOException e) {
                // fall through to the signal below
            }
        }
        // SIGINT is PostgreSQL's "fast" shutdown: abort transactions, checkpoint, exit.
        Processes.livePid(dataDir.resolve("postmaster.pid"))
                .ifPresent(pid -> Processes.stop(pid, "INT", Duration.ofSeconds(30)));
    }

    @Override
    public boolean isRunning() {
        return Processes.livePid(dataDir.resolve("postmaster.pid")).isPresent();
    }

    @Override
    public List<String> describe() {
        return List.of("jdbc:postgresql://127.0.0.1:" + settings.port(StackSettings.POSTGRES).number() + "/" + DATABASE
                        + " (user postgres, fsync " + (settings.durable() ? "on" : "off") + ")",
                "data " + dataDir);
    }

    @Override
    public Path logFile() {
        return logFile;
    }
}
