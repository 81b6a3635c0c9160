package io.mandate.messages.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mandate.messages.MandateEvent;

import java.io.IOException;
import java.time.Instant;

/**
 * The JSON wire format of {@link EventEnvelope}s on Kafka. Readers are tolerant (unknown
 * fields are ignored) so that a producer may add a field before every consumer knows it.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this.mapper = newObjectMapper();
    }

    /** The mapper settings Mandate uses for its messages everywhere (Kafka, the event store, APIs). */
    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public byte[] encode(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + envelope.type(), e);
        }
    }

    /** @throws MalformedEventException when the bytes are not an envelope of a catalogued event */
    public EventEnvelope decode(byte[] bytes) {
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON", e);
        }
        if (!(tree instanceof ObjectNode node)) {
            throw new MalformedEventException("not a JSON object", null);
        }
        String typeName = text(node, "type");
        EventType type = EventCatalog.byName(typeName)
                .orElseThrow(() -> new MalformedEventException("unknown event type " + typeName, null));
        try {
            JsonNode payloadJson = node.get("payload");
            MandateEvent payload = mapper.treeToValue(payloadJson, type.javaType());
            int revision = node.path("revision").asInt();
            // At the current revision the JSON is what encoding the payload makes; an older one's is not.
            return new EventEnvelope(text(node, "eventId"), typeName, revision,
                    text(node, "aggregateId"), node.path("sequence").asLong(),
                    Instant.parse(text(node, "occurredAt")), payload, revision == type.revision() ? payloadJson : null);
        } catch (IOException | RuntimeException e) {
            // The parser's message can quote payload values: keep it in the cause, out of the message.
            throw new MalformedEventException("invalid " + typeName + " payload", e);
        }
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedEventException("missing field " + field, null);
        }
        return value.asText();
    }
}
