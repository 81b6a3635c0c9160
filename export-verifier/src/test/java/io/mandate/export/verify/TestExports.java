package io.mandate.export.verify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.mandate.export.format.ChainedExportWriter;
import io.mandate.export.format.ExportFormat;
import io.mandate.export.format.HashChain;
import io.mandate.export.format.Manifest;
import io.mandate.export.format.ManifestJws;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test data: exports written by the real writer, as lines a test can tamper with. */
final class TestExports {

    private TestExports() {
    }

    static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("key-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An export of {@code count} grant events, signed with {@code key}; its lines end without line breaks. */
    static List<String> export(ExportFormat format, int count, ECKey key) {
        return export(format, count, key, TestExports::event);
    }

    static List<String> export(ExportFormat format, int count, ECKey key,
                               java.util.function.IntFunction<ObjectNode> events) {
        String exportId = "exp_" + UUID.randomUUID();
        ObjectNode filters = JsonNodeFactory.instance.objectNode().put("user", "alice");
        String from = "2026-01-01T00:00:00Z";
        String to = "2026-02-01T00:00:00Z";
        String genesis = HashChain.genesis(Manifest.parameters(exportId, from, to, filters));
        StringWriter out = new StringWriter();
        ChainedExportWriter writer = new ChainedExportWriter(format, out, genesis);
        try {
            writer.begin();
            for (int i = 0; i < count; i++) {
                writer.append(events.apply(i));
            }
            Manifest manifest = new Manifest(exportId, "query-service-test", "investigator", format.parameterValue(),
                    from, to, filters, "2026-02-02T00:00:00Z", "2026-02-02T00:00:01Z", genesis, writer.count(),
                    writer.firstHash(), writer.lastHash());
            writer.end(ManifestJws.sign(manifest, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(List.of(out.toString().split(format == ExportFormat.CSV ? "\r\n" : "\n")));
    }

    static ObjectNode event(int i) {
        return event(i, i % 2 == 0 ? "said \"no\", twice" : "");
    }

    static ObjectNode event(int i, String reason) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventId", "evt-" + i);
        event.put("type", "GrantCreated");
        event.put("revision", 1);
        event.put("aggregateId", "grt_" + i);
        event.put("sequence", 0);
        event.put("occurredAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i).toString());
        event.put("grantId", "grt_" + i);
        event.put("userId", "alice");
        event.put("agentId", "travel-agent");
        event.putArray("scopes").add("calendar.read");
        event.put("reason", reason);
        ObjectNode payload = event.putObject("payload");
        payload.put("grantId", "grt_" + i).put("userId", "alice").put("maxDepth", 3);
        return event;
    }
}
