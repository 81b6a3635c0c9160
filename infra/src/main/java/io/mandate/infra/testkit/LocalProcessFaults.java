package io.mandate.infra.testkit;

import io.mandate.infra.launcher.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Faults on the launcher's local processes: a real stop (SIGTERM, as an operator would) and a
 * start on the same ports and data folders, health-checked like at stack start.
 */
final class LocalProcessFaults implements StackFaults {

    private final Map<Part, Component> parts = new EnumMap<>(Part.class);

    LocalProcessFaults(List<Component> components) {
        for (Component component : components) {
            switch (component.name()) {
                case "Kafka" -> parts.put(Part.KAFKA, component);
                case "Elasticsearch" -> parts.put(Part.ELASTICSEARCH, component);
                default -> { /* PostgreSQL: no fault test needs it gone yet */ }
            }
        }
    }

    boolean covers(Part part) {
        return parts.containsKey(part);
    }

    @Override
    public void stop(Part part) {
        component(part).stop();
    }

    @Override
    public void start(Part part) {
        component(part).start();
    }

    private Component component(Part part) {
        Component component = parts.get(part);
        if (component == null) {
            throw new IllegalStateException(part + " is not a local process of this stack");
        }
        return component;
    }
}
