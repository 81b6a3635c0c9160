package io.mandate.infra.testkit;

import org.testcontainers.containers.GenericContainer;

import java.util.EnumMap;
import java.util.Map;

/**
 * Faults on Testcontainers: the container is paused and unpaused rather than stopped and started,
 * because a restarted container gets new host ports, and Kafka would then advertise an address its
 * clients no longer reach. To its clients a paused server is as gone as a stopped one (connections
 * time out), and it comes back with the same ports and data.
 */
final class ContainerFaults implements StackFaults {

    private final Map<Part, GenericContainer<?>> containers = new EnumMap<>(Part.class);

    ContainerFaults(GenericContainer<?> kafka, GenericContainer<?> elasticsearch) {
        containers.put(Part.KAFKA, kafka);
        containers.put(Part.ELASTICSEARCH, elasticsearch);
    }

    @Override
    public void stop(Part part) {
        GenericContainer<?> container = containers.get(part);
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start(Part part) {
        GenericContainer<?> container = containers.get(part);
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }
}
