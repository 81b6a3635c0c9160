package io.mandate.issuer.exchange;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a JOSE header or JWT claims set into the map Nimbus's own parser ({@code JSONObjectUtils.parse},
 * its shaded Gson) would have made, with Jackson's streaming parser, which the profile showed costing a
 * fraction of it (issue #8). Only strict JSON is read: one object, nothing after it, no duplicate member,
 * numbers that fit a {@code long} (as {@link Long}) or finite doubles (as {@link Double}), strings,
 * booleans, nulls, arrays (as lists) and objects (as insertion-ordered maps) — the types Gson's
 * {@code LONG_OR_DOUBLE} policy yields. Anything else gives null, and the caller hands the token to
 * Nimbus as before, so every input Jackson does not read the strict way is judged exactly as it always
 * was ({@code JoseJsonTest} pins the maps against Nimbus's).
 */
final class JoseJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JoseJson() {
    }

    /** The JSON object in {@code json}, or null when it is not one in strict JSON. */
    static Map<String, Object> object(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> object = readObject(parser);
            return parser.nextToken() == null ? object : null;
        } catch (IOException | RuntimeException e) {
            // malformed, a duplicate member, a number Gson would read otherwise, a Jackson limit: Nimbus decides
            return null;
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    array.add(readValue(parser, item));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                    throw new NotStrict();  // beyond a long: Gson makes it a double
                }
                yield parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw new NotStrict();
                }
                yield value;
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new NotStrict();
        };
    }

    /** The input is JSON, but not what this reader maps exactly as Gson does. */
    private static final class NotStrict extends IOException {
        NotStrict() {
            super("not read the way Gson reads it");
        }
    }
}
