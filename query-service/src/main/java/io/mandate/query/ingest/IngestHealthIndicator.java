package io.mandate.query.ingest;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka consumer's state ({@code kafkaConsumer} in /actuator/health): down when the listener
 * container is not running, with the ingest counters, assigned partitions, the consumer group's lag
 * and the age of the newest applied event as details. Lag does not turn it down: a replay from
 * scratch lags by design, and readiness must not flap with load; alert on the metric instead.
 */
@Component("kafkaConsumer")
class IngestHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry registry;
    private final IngestStats stats;
    private final ProjectionLag lag;

    IngestHealthIndicator(KafkaListenerEndpointRegistry registry, IngestStats stats, ProjectionLag lag) {
        this.registry = registry;
        this.stats = stats;
        this.lag = lag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        MessageListenerContainer container = registry.getListenerContainer(IngestListener.LISTENER_ID);
        boolean running = container != null && container.isRunning();
        builder.status(running ? "UP" : "DOWN")
                .withDetail("listener", IngestListener.LISTENER_ID)
                .withDetail("running", running)
                .withDetails(stats.asDetails())
                .withDetail("lag", lagDetails(lag.current()));
        if (container != null) {
            builder.withDetail("paused", container.isContainerPaused())
                    .withDetail("assignedPartitions", container.getAssignedPartitions() == null
                            ? 0 : container.getAssignedPartitions().size());
        }
    }

    private static Map<String, Object> lagDetails(LagSnapshot snapshot) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("total", snapshot.measuredAt() == null ? "unknown" : snapshot.total());
        details.put("byTopic", snapshot.byTopic());
        details.put("measuredAt", snapshot.measuredAt() == null ? "never" : snapshot.measuredAt().toString());
        if (snapshot.error() != null) {
            details.put("error", snapshot.error());
        }
        return details;
    }
}
