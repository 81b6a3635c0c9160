package io.mandate.issuer.ledger;

/**
 * An event shaped as an Axon {@code domain_event_entry} row, built on the caller's thread so the
 * writer only binds it.
 *
 * @param eventIdentifier a random UUID, Axon's event id (and the Kafka envelope's {@code eventId})
 * @param aggregateId     the stream ({@code MandateEvent.aggregateId()})
 * @param aggregateType   Axon's aggregate {@code type} column ({@code SharedEventStore} constants)
 * @param payloadType     the record's class name, as Axon's Jackson serializer writes it
 * @param payloadRevision the catalogue revision, as a string
 * @param payload         the record's JSON, UTF-8
 * @param multiEvent      true for streams with several events (signing keys): the sequence is
 *                        taken in the writing transaction; false for one-event streams (sequence 0)
 */
record EventRow(String eventIdentifier, String aggregateId, String aggregateType, String payloadType,
                String payloadRevision, byte[] payload, boolean multiEvent) {
}
