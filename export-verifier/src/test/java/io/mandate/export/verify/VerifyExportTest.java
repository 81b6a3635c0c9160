package io.mandate.export.verify;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.export.format.ExportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: exit codes and what it prints. */
class VerifyExportTest {

    private static final ECKey KEY = TestExports.newKey();

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void validExportWhenCheckedAgainstAJwksFileThenExitZero() throws IOException {
        Path export = export(TestExports.export(ExportFormat.NDJSON, 3, KEY));

        assertThat(run(export.toString(), "--jwks", jwks(KEY).toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VALID " + export + ": 3 records, events from "
                + "2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z (exclusive), filters {\"user\":\"alice\"}");
    }

    @Test
    void alteredExportWhenCheckedThenExitOneNamingTheLine() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 3, KEY);
        lines.set(1, lines.get(1).replace("alice", "mallory"));

        assertThat(run(export(lines).toString(), "--jwks", jwks(KEY).toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(": line 2: record altered");
    }

    @Test
    void argumentsWhenMissingOrUnknownThenExitTwoWithUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("a.ndjson", "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./mandate verify-export <file>");
    }

    @Test
    void fileOrKeySetWhenUnreadableThenExitTwo() throws IOException {
        assertThat(run(folder.resolve("absent.ndjson").toString())).isEqualTo(2);
        Path export = export(TestExports.export(ExportFormat.NDJSON, 1, KEY));
        assertThat(run(export.toString(), "--jwks", folder.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read").contains("cannot load the export keys");
    }

    private int run(String... args) {
        return VerifyExport.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path export(List<String> lines) throws IOException {
        Path file = folder.resolve("export-" + System.nanoTime() + ".ndjson");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private Path jwks(ECKey key) throws IOException {
        Path file = folder.resolve("jwks.json");
        Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
        return file;
    }
}
