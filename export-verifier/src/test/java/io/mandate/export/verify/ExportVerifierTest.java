package io.mandate.export.verify;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.export.format.ExportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way of tampering with an export, in both formats, is reported at the right line. Lines are
 * 1-based file lines: in NDJSON record n is line n; in CSV the header is line 1, so record n is line
 * n + 1 (records here hold no multi-line cell except where a test says so).
 */
class ExportVerifierTest {

    private static final ECKey KEY = TestExports.newKey();
    private static final JWKSet TRUSTED = new JWKSet(KEY.toPublicJWK());

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void exportWhenUntouchedThenValid(ExportFormat format) throws IOException {
        Verdict verdict = verify(format, TestExports.export(format, 6, KEY));

        assertThat(verdict.valid()).as(verdict.describe()).isTrue();
        assertThat(verdict.records()).isEqualTo(6);
        assertThat(verdict.manifest().count()).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void exportWhenEmptyThenValidWithZeroRecords(ExportFormat format) throws IOException {
        Verdict verdict = verify(format, TestExports.export(format, 0, KEY));

        assertThat(verdict.valid()).as(verdict.describe()).isTrue();
        assertThat(verdict.records()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void fieldWhenEditedThenThatRecordIsReportedAltered(ExportFormat format) throws IOException {
        List<String> lines = TestExports.export(format, 6, KEY);
        int line = lineOfRecord(format, 4);
        lines.set(line - 1, lines.get(line - 1).replace("travel-agent", "other-agent"));

        Verdict verdict = verify(format, lines);

        assertInvalidAt(verdict, line, "record altered: its content does not match its hash (record #4, event evt-3)");
    }

    @Test
    void fieldWhenEditedAndTheRecordReHashedThenThatRecordIsReported() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 6, KEY);
        var record = (com.fasterxml.jackson.databind.node.ObjectNode) ExportReader.JSON.readTree(lines.get(2));
        record.remove("hash");
        record.put("agentId", "other-agent");
        String hash = io.mandate.export.format.HashChain.hashOf(record);
        lines.set(2, "{\"hash\":\"" + hash + "\"," + io.mandate.export.format.Jcs.canonicalize(record).substring(1));

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 3,
                "record altered and its hash recomputed: line 4 no longer continues from it");
    }

    @Test
    void chainWhenRecomputedAfterAnEditThenTheSignedLastHashNoLongerMatches() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 6, KEY);
        String previous = null;
        for (int i = 0; i < 6; i++) {
            var record = (com.fasterxml.jackson.databind.node.ObjectNode) ExportReader.JSON.readTree(lines.get(i));
            record.remove("hash");
            if (i == 3) {
                record.put("agentId", "other-agent");
            }
            if (previous != null && i > 3) {
                record.put("prevHash", previous);
            }
            previous = io.mandate.export.format.HashChain.hashOf(record);
            lines.set(i, "{\"hash\":\"" + previous + "\"," + io.mandate.export.format.Jcs.canonicalize(record).substring(1));
        }

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 7, "the last record's hash is not the manifest's lastHash: "
                + "records were altered and the whole chain recomputed");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void lineWhenDeletedThenReportedWhereTheRecordIsMissing(ExportFormat format) throws IOException {
        List<String> lines = TestExports.export(format, 6, KEY);
        int line = lineOfRecord(format, 3);
        lines.remove(line - 1);

        assertInvalidAt(verify(format, lines), line, "1 record(s) removed before this line (record #3 is missing)");
    }

    @Test
    void csvRecordWhenACellSpansLinesThenLaterRecordsAreReportedAtTheirPhysicalLine() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.CSV, 4, KEY,
                i -> TestExports.event(i, i == 1 ? "first line\nsecond line" : ""));
        // header = line 1, record 1 = line 2, record 2 = lines 3-4, record 3 = line 5
        lines.set(3, lines.get(3).replace("travel-agent", "other-agent"));

        assertInvalidAt(verify(ExportFormat.CSV, lines), 5,
                "record altered: its content does not match its hash (record #3, event evt-2)");
    }

    @Test
    void firstLineWhenDeletedThenReportedAtTheStart() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 4, KEY);
        lines.remove(0);

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 1, "1 record(s) removed before this line (record #1 is missing)");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void twoLinesWhenSwappedThenTheFirstIsReportedOutOfOrder(ExportFormat format) throws IOException {
        List<String> lines = TestExports.export(format, 6, KEY);
        int second = lineOfRecord(format, 2);
        int fifth = lineOfRecord(format, 5);
        Collections.swap(lines, second - 1, fifth - 1);

        assertInvalidAt(verify(format, lines), second, "records out of order: the record that follows line "
                + (second - 1) + " (#2) is at line " + fifth);
    }

    @Test
    void neighboursWhenSwappedThenReportedOutOfOrderNotInserted() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 6, KEY);
        Collections.swap(lines, 2, 3);

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 3,
                "records out of order: the record that follows line 2 (#3) is at line 4");
    }

    @Test
    void recordOfAnotherExportWhenInsertedThenReportedInserted() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 6, KEY);
        List<String> other = TestExports.export(ExportFormat.NDJSON, 6, KEY);
        lines.add(2, other.get(2));

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 3,
                "record inserted: it is not part of this export's chain (line 4 continues from line 2) (record #3, event evt-2)");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void endWhenTruncatedBeforeTheManifestThenTheMissingCountIsReported(ExportFormat format) throws IOException {
        List<String> lines = TestExports.export(format, 6, KEY);
        lines.remove(lines.size() - 2);
        lines.remove(lines.size() - 2);

        assertInvalidAt(verify(format, lines), lines.size(),
                "the manifest counts 6 records, the file holds 4: 2 records are missing at the end (truncated)");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void fileWhenCutOffWithItsManifestThenReportedTruncated(ExportFormat format) throws IOException {
        List<String> lines = TestExports.export(format, 6, KEY);
        List<String> cut = lines.subList(0, lines.size() - 3);

        assertInvalidAt(verify(format, cut), cut.size() + 1,
                "no manifest: the export ends after 4 records (truncated, or its manifest was removed)");
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void manifestWhenReplacedByAnotherExportsThenTheRecordsDoNotStartFromItsGenesis(ExportFormat format)
            throws IOException {
        List<String> lines = TestExports.export(format, 6, KEY);
        List<String> other = TestExports.export(format, 6, KEY);
        lines.set(lines.size() - 1, other.get(other.size() - 1));

        assertInvalidAt(verify(format, lines), lineOfRecord(format, 1), "the records do not start from this "
                + "manifest's genesis: the manifest belongs to another export, or the first records were replaced");
    }

    @Test
    void manifestWhenReplacedByOneSignedWithAnotherKeyThenReportedAtTheManifest() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 6, KEY);
        ECKey forger = TestExports.newKey();
        List<String> forged = TestExports.export(ExportFormat.NDJSON, 6, forger);
        lines.set(lines.size() - 1, forged.get(forged.size() - 1));

        Verdict verdict = verify(ExportFormat.NDJSON, lines);

        assertInvalidAt(verdict, 7, "the manifest is signed with key '" + forger.getKeyID()
                + "', which is not an EC P-256 key of the given JWKS: replaced manifest, or the wrong JWKS");
    }

    @Test
    void manifestWhenItsClaimsAreEditedThenTheSignatureFails() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 6, KEY);
        String manifestLine = lines.get(6);
        String jws = manifestLine.substring("{\"manifest\":\"".length(), manifestLine.length() - 2);
        String[] parts = jws.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"count\":6", "\"count\":5");
        parts[1] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        lines.set(6, "{\"manifest\":\"" + String.join(".", parts) + "\"}");

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 7, "the manifest's signature does not verify with key '"
                + KEY.getKeyID() + "': the manifest was altered or forged");
    }

    @Test
    void exportWhenCheckedWithTheWrongKeySetThenTheManifestIsNotTrusted() throws IOException {
        Path file = write(ExportFormat.NDJSON, TestExports.export(ExportFormat.NDJSON, 3, KEY));

        Verdict verdict = new ExportVerifier().verify(file, new JWKSet(TestExports.newKey().toPublicJWK()));

        assertInvalidAt(verdict, 4, "the manifest is signed with key '" + KEY.getKeyID()
                + "', which is not an EC P-256 key of the given JWKS: replaced manifest, or the wrong JWKS");
    }

    @Test
    void lineWhenNotJsonThenReportedMalformed() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 4, KEY);
        lines.set(1, lines.get(1).substring(0, 40));

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 2, "not a JSON object");
    }

    @Test
    void recordWhenAppendedAfterTheManifestThenReported() throws IOException {
        List<String> lines = TestExports.export(ExportFormat.NDJSON, 4, KEY);
        lines.add(lines.get(1));

        assertInvalidAt(verify(ExportFormat.NDJSON, lines), 6, "content after the manifest");
    }

    private static int lineOfRecord(ExportFormat format, int record) {
        return format == ExportFormat.CSV ? record + 1 : record;
    }

    private static void assertInvalidAt(Verdict verdict, int line, String message) {
        assertThat(verdict.valid()).as("valid?").isFalse();
        assertThat(verdict.describe()).isEqualTo("line " + line + ": " + message);
    }

    private Verdict verify(ExportFormat format, List<String> lines) throws IOException {
        return new ExportVerifier().verify(write(format, lines), TRUSTED);
    }

    private Path write(ExportFormat format, List<String> lines) throws IOException {
        Path file = Files.createTempFile(folder, "export", "." + format.extension());
        String end = format == ExportFormat.CSV ? "\r\n" : "\n";
        Files.writeString(file, String.join(end, lines) + end, StandardCharsets.UTF_8);
        return file;
    }
}
