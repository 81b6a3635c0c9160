package io.mandate.query.ingest;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The Kafka consumer's state ({@code kafkaConsumer} in /actuator/health): down when the listener
 * container is not running, with the ingest counters and assigned partitions as details.
 */
@Component("kafkaConsumer")
class IngestHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry registry;
    private final IngestStats stats;

    IngestHealthIndicator(KafkaListenerEndpointRegistry registry, IngestStats stats) {
        this.registry = registry;
        this.stats = stats;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        MessageListenerContainer container = registry.getListenerContainer(IngestListener.LISTENER_ID);
        boolean running = container != null && container.isRunning();
        builder.status(running ? "UP" : "DOWN")
                .withDetail("listener", IngestListener.LISTENER_ID)
                .withDetail("running", running)
                .withDetails(stats.asDetails());
        if (container != null) {
            builder.withDetail("paused", container.isContainerPaused())
                    .withDetail("assignedPartitions", container.getAssignedPartitions() == null
                            ? 0 : container.getAssignedPartitions().size());
        }
    }
}
