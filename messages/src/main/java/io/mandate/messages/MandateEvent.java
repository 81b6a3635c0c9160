package io.mandate.messages;

/**
 * Every event Mandate publishes. Events are immutable records named in the past tense; each
 * type has a {@code REVISION} constant that changes whenever its JSON shape does.
 */
public interface MandateEvent {

    /** The aggregate this event belongs to; also its Kafka record key. */
    String aggregateId();
}
