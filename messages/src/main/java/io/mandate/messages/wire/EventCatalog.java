package io.mandate.messages.wire;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.GrantCreated;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type Mandate publishes. Adding an event means adding one line here (and to docs/events.md). */
public final class EventCatalog {

    public static final List<EventType> ALL = List.of(
            new EventType("GrantCreated", GrantCreated.class, GrantCreated.REVISION, Topics.GRANTS));

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static EventType of(MandateEvent event) {
        EventType type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not in the event catalogue: " + event.getClass().getName());
        }
        return type;
    }
}
