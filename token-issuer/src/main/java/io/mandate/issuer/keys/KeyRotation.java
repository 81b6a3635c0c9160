package io.mandate.issuer.keys;

import io.mandate.issuer.ledger.LedgerEntry;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.key.SigningKeyActivated;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.key.SigningKeyRetired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The life of this instance's signing keys, each step an event recorded before it takes effect:
 * a key is created and activated (both durable) before it signs anything; at each rotation, and
 * when the instance stops, the previous key is retired and stays published until the tokens it
 * signed have expired. Until the first key is recorded the token endpoint answers 503 and the
 * {@code signingKey} health component is DOWN (the event store may come up after the issuer).
 */
public class KeyRotation implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final long RETRY_SECONDS = 2;

    private final SigningKeys keys;
    private final TokenLedger ledger;
    private final TokenProperties properties;
    private final Clock clock;
    private final String instance = "issuer-" + UUID.randomUUID().toString().substring(0, 8);
    private ScheduledExecutorService scheduler;
    private volatile boolean running;
    private volatile String lastFailure = "no key recorded yet";

    public KeyRotation(SigningKeys keys, TokenLedger ledger, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "key-rotation");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        scheduler.execute(this::rotateUntilDone);
        long period = properties.keyRotation().toSeconds();
        scheduler.scheduleAtFixedRate(this::rotateUntilDone, period, period, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        keys.active().ifPresent(key -> {
            try {
                retire(key);
            } catch (RuntimeException e) {
                log.warn("Could not record the retirement of key {} at shutdown; it stays published via its "
                        + "creation event", key.keyId());
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops late and starts early relative to the web server: no token request without a key. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    @Override
    public Health health() {
        return keys.active().map(key -> Health.up().withDetail("keyId", key.keyId()).withDetail("instance", instance)
                .build()).orElseGet(() -> Health.down().withDetail("reason", lastFailure).build());
    }

    /** Creates, records and activates a new key, then retires the previous one. */
    public SigningKey rotate() {
        SigningKey previous = keys.active().orElse(null);
        SigningKey next = keys.generate();
        Instant now = clock.instant();
        record(new SigningKeyCreated(next.keyId(), SigningKey.ALGORITHM.getName(), next.publicJwk().toJSONString(),
                instance, now));
        record(new SigningKeyActivated(next.keyId(), clock.instant()));
        keys.activate(next);
        log.info("Signing key {} ({}) active on {}", next.keyId(), SigningKey.ALGORITHM, instance);
        if (previous != null) {
            retire(previous);
        }
        return next;
    }

    private void retire(SigningKey key) {
        Instant now = clock.instant();
        Instant publishUntil = now.plus(properties.retiredKeyPublication());
        record(new SigningKeyRetired(key.keyId(), now, publishUntil));
        keys.retire(key.keyId(), publishUntil);
        log.info("Signing key {} retired, published until {}", key.keyId(), publishUntil);
    }

    private void rotateUntilDone() {
        while (running) {
            try {
                rotate();
                return;
            } catch (RuntimeException e) {
                lastFailure = "the event store did not record the key (" + e.getClass().getSimpleName() + ")";
                log.warn("Could not record a new signing key, retrying in {} s: {}", RETRY_SECONDS, lastFailure);
                try {
                    TimeUnit.SECONDS.sleep(RETRY_SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void record(MandateEvent event) {
        ledger.append(new LedgerEntry(event, null, null)).orTimeout(30, TimeUnit.SECONDS).join();
    }
}
