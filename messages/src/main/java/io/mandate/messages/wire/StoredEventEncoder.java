package io.mandate.messages.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.consent.ConsentDenied;
import io.mandate.messages.token.AuthorizationCodeRedeemed;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an event's Kafka record straight from its stored payload JSON, without decoding the payload into
 * Java objects and encoding it again. The record is byte for byte what {@link EventCodec#encode} makes of the
 * decoded event (same fields, same order, same payload JSON: the event store and the wire share
 * {@link EventCodec#newObjectMapper()}), as long as the stored payload has the catalogue's current revision;
 * an older one is not forwarded (the caller decodes it, so every published payload has the revision its
 * envelope names).
 *
 * <p>The record key is {@link MandateEvent#partitionKey()} read from the JSON: the aggregate, except for the
 * few types whose key is one of their fields ({@link #KEY_FIELDS}). A catalogued type that overrides
 * {@code partitionKey} without being listed there fails this class's initialisation, so a new keyed event
 * cannot be published under the wrong key.
 */
public final class StoredEventEncoder {

    /** A Kafka record: topic, key, value. */
    public record Record(String topic, String key, byte[] value) {
    }

    /** The payload field holding the partition key, for the types keyed by something else than their aggregate. */
    static final Map<Class<? extends MandateEvent>, String> KEY_FIELDS = Map.of(
            TokenExchanged.class, "grantId",
            AuthorizationCodeRedeemed.class, "grantId",
            ClientTokenIssued.class, "clientId",
            TokenExchangeRefused.class, "clientId", // null when unknown: then the aggregate, as partitionKey()
            ConsentDenied.class, "userId");

    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    static {
        for (EventType type : EventCatalog.ALL) {
            if (overridesPartitionKey(type.javaType()) && !KEY_FIELDS.containsKey(type.javaType())) {
                throw new ExceptionInInitializerError(type.name() + " overrides partitionKey(): name its key field in "
                        + "StoredEventEncoder.KEY_FIELDS");
            }
        }
    }

    private final JsonFactory json = EventCodec.newObjectMapper().getFactory();

    /**
     * The record of one stored event, or {@code null} when its payload cannot be forwarded as stored
     * (another revision than the catalogue's): the caller then decodes it and uses {@link EventCodec}.
     *
     * @param storedRevision the payload revision the event store recorded (Axon's {@code payload_revision})
     * @param payloadJson    the stored payload, UTF-8 JSON
     * @throws MalformedEventException when the stored payload is not a JSON object
     */
    public Record encode(String eventId, EventType type, String storedRevision, String aggregateId, long sequence,
                         Instant occurredAt, byte[] payloadJson) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (!Integer.toString(type.revision()).equals(storedRevision)) {
            return null;
        }
        String keyField = KEY_FIELDS.get(type.javaType());
        String keyValue = scan(payloadJson, keyField, type);
        String key = keyValue != null ? keyValue : aggregateId;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(payloadJson.length + 200);
            JsonGenerator header = json.createGenerator(out);
            header.writeStartObject();
            header.writeStringField("eventId", eventId);
            header.writeStringField("type", type.name());
            header.writeNumberField("revision", type.revision());
            header.writeStringField("aggregateId", aggregateId);
            header.writeNumberField("sequence", sequence);
            header.writeStringField("occurredAt", occurredAt.toString()); // ISO-8601, as JavaTimeModule writes it
            header.flush(); // the object stays open: the payload and its closing brace follow as bytes
            out.write(PAYLOAD_FIELD);
            out.write(payloadJson);
            out.write('}');
            return new Record(type.topic(), key, out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + type.name(), e); // in memory: not expected
        }
    }

    /**
     * Reads the whole payload (so a broken one is refused here, not by every consumer) and answers the
     * top-level string field {@code keyField}, or null when it is absent, null or not asked for.
     */
    private String scan(byte[] payloadJson, String keyField, EventType type) {
        String value = null;
        try (JsonParser parser = json.createParser(payloadJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("stored " + type.name() + " payload is not a JSON object", null);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                boolean wanted = parser.currentName().equals(keyField);
                JsonToken valueToken = parser.nextToken();
                if (wanted && valueToken == JsonToken.VALUE_STRING) {
                    value = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedEventException("stored " + type.name() + " payload is not one JSON object", null);
            }
        } catch (IOException e) {
            // The parser's message can quote payload values: keep it in the cause, out of the message.
            throw new MalformedEventException("stored " + type.name() + " payload is not JSON", e);
        }
        return value;
    }

    private static boolean overridesPartitionKey(Class<?> javaType) {
        try {
            return javaType.getMethod("partitionKey").getDeclaringClass() != MandateEvent.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
