package io.mandate.issuer.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.token.TokenExchanged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The payload JSON of {@link TokenExchanged} — one per exchange, written on the request thread —
 * with Jackson's streaming generator instead of the data-binding mapper (the ledger row's JSON was
 * about a tenth of the request threads' samples in the benchmark's profile, issue #8). The bytes are
 * the mapper's ({@code EventCodec.newObjectMapper()}) exactly, which the command-service's publisher
 * and aggregates read: the record's components in declaration order, typed ids and scopes as their
 * {@code @JsonValue}, nulls written, instants as ISO-8601 strings ({@code TokenExchangedJsonTest} pins
 * it against the mapper). The other, rarer events keep the mapper.
 */
final class TokenExchangedJson {

    private final JsonFactory factory;

    /** @param factory the JSON factory of the mapper whose output this reproduces (same escaping settings) */
    TokenExchangedJson(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(TokenExchanged event) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator json = factory.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("jti", event.jti().value());
            nullable(json, "parentJti", event.parentJti() == null ? null : event.parentJti().value());
            json.writeArrayFieldStart("lineage");
            for (Jti jti : event.lineage()) {
                json.writeString(jti.value());
            }
            json.writeEndArray();
            json.writeStringField("grantId", event.grantId().value());
            json.writeStringField("userId", event.userId().value());
            json.writeStringField("holder", event.holder().value());
            json.writeArrayFieldStart("actorChain");
            for (ClientId actor : event.actorChain()) {
                json.writeString(actor.value());
            }
            json.writeEndArray();
            json.writeStringField("audience", event.audience());
            json.writeArrayFieldStart("scopes");
            for (String scope : event.scopes().asList()) {
                json.writeString(scope);
            }
            json.writeEndArray();
            json.writeStringField("subjectIssuer", event.subjectIssuer());
            nullable(json, "subjectTokenId", event.subjectTokenId());
            json.writeStringField("keyId", event.keyId());
            json.writeStringField("issuedAt", instant(event.issuedAt()));
            json.writeStringField("expiresAt", instant(event.expiresAt()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // writing to memory: not expected
        }
        return bytes.toByteArray();
    }

    private static void nullable(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    /** As jackson-datatype-jsr310's InstantSerializer writes it with WRITE_DATES_AS_TIMESTAMPS off. */
    private static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
