package io.mandate.export.verify;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Explains a record whose {@code prevHash} is not the previous record's hash, from one more pass
 * over the file: is the record that belongs here elsewhere (reordered), is this record alien
 * (inserted), or is it simply missing (removed)?
 */
final class ChainBreak {

    private ChainBreak() {
    }

    /** The line to report (the breaking record's, or the previous one's when that was the culprit) and why. */
    record Finding(int line, String message) {
    }

    static Finding explain(Path file, ExportReader.Entry entry, ExportVerifier.Chain chain) throws IOException {
        Clues clues = Clues.find(file, entry, chain);
        long expected = chain.count + 1;
        String previous = chain.line == 0 ? "the export's start (its genesis)" : "line " + chain.line;
        if (clues.successorLine != 0) {
            if (clues.predecessorPresent) {
                return new Finding(entry.line(), "records out of order: the record that follows " + previous
                        + " (#" + expected + ") is at line " + clues.successorLine);
            }
            return new Finding(entry.line(), "record inserted: it is not part of this export's chain (line "
                    + clues.successorLine + " continues from " + previous + ")" + ExportVerifier.describe(entry));
        }
        if (chain.previousHash != null && chain.line != 0 && entry.prevHash().equals(chain.previousHash)) {
            return new Finding(chain.line, "record inserted: line " + entry.line() + " continues from line "
                    + chain.previousLine + ", not from this one");
        }
        if (entry.position() > expected) {
            return new Finding(entry.line(), (entry.position() - expected)
                    + " record(s) removed before this line (record #" + expected + " is missing)");
        }
        if (chain.line == 0) {
            return new Finding(entry.line(), "the records do not start from this manifest's genesis: the manifest"
                    + " belongs to another export, or the first records were replaced");
        }
        if (entry.position() == expected) {
            return new Finding(chain.line, "record altered and its hash recomputed: line " + entry.line()
                    + " no longer continues from it");
        }
        return new Finding(entry.line(), "record does not continue the chain (record #" + entry.position()
                + " where #" + expected + " was expected)");
    }

    /**
     * @param successorLine      the first later line whose record follows the last valid record, 0 if none
     * @param predecessorPresent whether any record in the file is the one the breaking record follows
     */
    private record Clues(int successorLine, boolean predecessorPresent) {

        static Clues find(Path file, ExportReader.Entry breaking, ExportVerifier.Chain chain) throws IOException {
            int successorLine = 0;
            boolean predecessorPresent = false;
            try (ExportReader reader = ExportReader.open(file)) {
                for (ExportReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                    if (entry.kind() != ExportReader.Kind.RECORD) {
                        continue;
                    }
                    if (successorLine == 0 && entry.line() > breaking.line() && entry.prevHash().equals(chain.hash)) {
                        successorLine = entry.line();
                    }
                    predecessorPresent |= entry.hash().equals(breaking.prevHash());
                }
            }
            return new Clues(successorLine, predecessorPresent);
        }
    }
}
