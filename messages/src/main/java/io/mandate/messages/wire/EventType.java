package io.mandate.messages.wire;

import io.mandate.messages.MandateEvent;

/**
 * One entry of the event catalogue: the wire name of an event, its Java type, its current
 * revision and the topic it is published on.
 */
public record EventType(String name, Class<? extends MandateEvent> javaType, int revision, String topic) {
}
