package io.mandate.issuer.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Creates the issuer's own tables in the shared PostgreSQL (authorization codes, local users, login
 * throttling) with {@code CREATE TABLE IF NOT EXISTS}, at start-up and, while PostgreSQL is not
 * reachable, every few seconds until it is: the token endpoint must not wait for the login pages'
 * tables, and several instances may run this at once.
 */
public class OwnTables implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnTables.class);

    private final JdbcTemplate jdbc;
    private final List<String> ddl;
    private ScheduledExecutorService retries;
    private volatile boolean ready;
    private volatile boolean running;

    public OwnTables(JdbcTemplate jdbc, List<String> ddl) {
        this.jdbc = jdbc;
        this.ddl = List.copyOf(ddl);
    }

    public boolean ready() {
        return ready;
    }

    @Override
    public void start() {
        running = true;
        if (!tryCreate()) {
            retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "own-tables");
                thread.setDaemon(true);
                return thread;
            });
            retries.scheduleWithFixedDelay(() -> {
                if (tryCreate()) {
                    retries.shutdown();
                }
            }, 5, 5, TimeUnit.SECONDS);
        }
    }

    private boolean tryCreate() {
        try {
            ddl.forEach(jdbc::execute);
            ready = true;
            return true;
        } catch (RuntimeException e) {
            log.warn("The issuer's own tables could not be created yet ({}); retrying", e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
