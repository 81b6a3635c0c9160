package io.mandate.issuer.registration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The syntax edge of the registration endpoints: an {@code application/json} body (UTF-8), at most the
 * configured size, one JSON object, no member twice (a duplicated member is ambiguous: which one would
 * the statement or the policy have judged?), shallow nesting.
 */
final class RegistrationJson {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(64 * 1024).maxNumberLength(64).build());
    }

    private RegistrationJson() {
    }

    static ObjectMapper mapper() {
        return STRICT;
    }

    /** Reads at most {@code maxBytes}; one more byte is a refusal, so a huge body is never buffered. */
    static byte[] readBody(InputStream in, int maxBytes) {
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw RegistrationError.invalidMetadata("The request body is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw RegistrationError.invalidMetadata("The request body could not be read");
        }
    }

    static ObjectNode parseObject(String contentType, byte[] body) {
        requireJson(contentType);
        JsonNode tree;
        try (JsonParser parser = STRICT.createParser(body)) {
            tree = STRICT.readTree(parser);
            if (parser.nextToken() != null) {
                throw RegistrationError.invalidMetadata("The request body must hold one JSON object only");
            }
        } catch (IOException e) {
            throw RegistrationError.invalidMetadata("The request body is not valid JSON (or repeats a member)");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw RegistrationError.invalidMetadata("The request body must be a JSON object");
        }
        return object;
    }

    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            throw RegistrationError.invalidMetadata("The request body must be application/json");
        }
        boolean utf8;
        try {
            utf8 = type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset());
        } catch (IllegalArgumentException e) {  // a charset the JVM does not know
            utf8 = false;
        }
        if (!utf8) {
            throw RegistrationError.invalidMetadata("The request body must be UTF-8 (RFC 8259 §8.1)");
        }
    }
}
