package io.mandate.messages;

/**
 * Every event Mandate publishes. Events are immutable records named in the past tense; each
 * type has a {@code REVISION} constant that changes whenever its JSON shape does.
 */
public interface MandateEvent {

    /** The aggregate this event belongs to: its stream in the event store. */
    String aggregateId();

    /**
     * The Kafka record key: events with the same key stay ordered on one partition. The aggregate
     * by default; token events override it with their grant so a whole chain stays in order.
     */
    default String partitionKey() {
        return aggregateId();
    }
}
