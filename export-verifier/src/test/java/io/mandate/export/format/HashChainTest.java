package io.mandate.export.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void genesisWhenComputedThenSha256OfTheCanonicalParameters() {
        ObjectNode parameters = Manifest.parameters("exp_1", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z",
                json.createObjectNode().put("user", "alice"));

        // Independently: sha256 of the canonical text, written out by hand.
        assertThat(HashChain.genesis(parameters)).isEqualTo(Sha256.hex(
                "{\"exportId\":\"exp_1\",\"filters\":{\"user\":\"alice\"},\"range\":{\"from\":\"2026-01-01T00:00:00Z\","
                        + "\"to\":\"2026-02-01T00:00:00Z\"}}"));
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void ndjsonLineWhenWrittenThenHashCoversTheCanonicalRecordWithPositionAndPrevHash() throws Exception {
        String genesis = Sha256.hex("genesis");
        StringWriter out = new StringWriter();
        ChainedExportWriter writer = new ChainedExportWriter(ExportFormat.NDJSON, out, genesis);

        String hash = writer.append(json.readTree("{\"eventId\":\"e1\",\"type\":\"GrantCreated\",\"sequence\":0,"
                + "\"reason\":\"\",\"userId\":\"alice\",\"payload\":{\"b\":1,\"a\":\"x\"},\"notAColumn\":true}"));

        String canonical = "{\"eventId\":\"e1\",\"payload\":{\"a\":\"x\",\"b\":1},\"position\":1,\"prevHash\":\""
                + genesis + "\",\"sequence\":0,\"type\":\"GrantCreated\",\"userId\":\"alice\"}";
        assertThat(hash).isEqualTo(Sha256.hex(canonical));
        assertThat(out.toString()).isEqualTo("{\"hash\":\"" + hash + "\"," + canonical.substring(1) + "\n");
        assertThat(writer.firstHash()).isEqualTo(hash);
        assertThat(writer.lastHash()).isEqualTo(hash);
    }

    @Test
    void recordWhenWrittenStraightFromTheEventThenTheSameHashAsTheGenericCanonicalFormOfTheRecordObject() throws Exception {
        String genesis = Sha256.hex("genesis");
        StringWriter out = new StringWriter();
        ChainedExportWriter writer = new ChainedExportWriter(ExportFormat.NDJSON, out, genesis);
        String event = "{\"type\":\"TokenExchanged\",\"eventId\":\"e\u00e9\\\"1\",\"revision\":1,\"aggregateId\":\"issued:j\","
                + "\"sequence\":7,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"grantId\":\"g\",\"userId\":\"u\",\"agentId\":\"a\","
                + "\"clientId\":\"c\",\"audience\":\"https://x\",\"scopes\":[\"s1\",\"s2\"],\"jti\":\"j\",\"keyId\":\"k\","
                + "\"actor\":\"c\",\"reason\":\"r\\n2\",\"payload\":{\"z\":[1,{\"b\":null,\"a\":true}],\"\u20ac\":\"x\"}}";

        String first = writer.append(json.readTree(event));
        String second = writer.append(json.readTree(event));

        ObjectNode record = (ObjectNode) json.readTree(event);
        record.put("position", 2);
        record.put("prevHash", first);
        assertThat(second).isEqualTo(HashChain.hashOf(record));
        String secondLine = out.toString().split("\n")[1];
        ObjectNode parsed = (ObjectNode) json.readTree(secondLine);
        parsed.remove("hash");
        assertThat(parsed).isEqualTo(record);
    }

    @Test
    void csvRowWhenWrittenThenCellsQuotedOnlyWhereNeededAndJsonCanonical() throws Exception {
        StringWriter out = new StringWriter();
        ChainedExportWriter writer = new ChainedExportWriter(ExportFormat.CSV, out, Sha256.hex("g"));
        writer.begin();

        String hash = writer.append(json.readTree("{\"eventId\":\"e1\",\"reason\":\"said \\\"no\\\", twice\","
                + "\"scopes\":[\"a\",\"b\"],\"payload\":{\"b\":1,\"a\":2}}"));

        String[] lines = out.toString().split("\r\n");
        assertThat(lines[0]).isEqualTo(Column.csvHeader());
        assertThat(lines[1]).isEqualTo("1,e1,,,,,,,,,,,\"[\"\"a\"\",\"\"b\"\"]\",,,,\"said \"\"no\"\", twice\","
                + "\"{\"\"a\"\":2,\"\"b\"\":1}\"," + Sha256.hex("g") + "," + hash);
    }
}
