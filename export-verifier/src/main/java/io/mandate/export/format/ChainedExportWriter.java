package io.mandate.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes an export's records as they come, chaining each to the previous one, then the manifest.
 * Holds one record at a time: memory stays constant whatever the export's size.
 *
 * <p>NDJSON: one JSON object per line, {@code {"hash":"…",} followed by the rest of the record's
 * canonical form}, so each record is serialised once; the last line is {@code {"manifest":"<jws>"}}.
 * CSV: the {@link Column#csvHeader() header}, one row per record, and a last row
 * {@code manifest,<jws>} (the {@code position} column otherwise holds only numbers).
 */
public final class ChainedExportWriter {

    private final ExportFormat format;
    private final Writer out;
    private final StringBuilder row = new StringBuilder(1024);
    private long count;
    private String firstHash;
    private String lastHash;

    /** @param out buffered by the caller; UTF-8 */
    public ChainedExportWriter(ExportFormat format, Writer out, String genesis) {
        if (!Sha256.isHash(genesis)) {
            throw new IllegalArgumentException("genesis must be a SHA-256 hex value");
        }
        this.format = format;
        this.out = out;
        this.lastHash = genesis;
    }

    /** Writes what precedes the first record (the CSV header). */
    public void begin() throws IOException {
        if (format == ExportFormat.CSV) {
            out.write(Column.csvHeader());
            out.write(Csv.LINE_END);
        }
    }

    /**
     * Appends the record of one indexed event (the {@code mandate-events} document: its members
     * named like the {@link Column#EVENT_FIELDS}; others are ignored).
     *
     * @return the record's hash
     */
    public String append(JsonNode event) throws IOException {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put(Column.POSITION.member(), count + 1);
        for (Column column : Column.EVENT_FIELDS) {
            JsonNode value = event.get(column.member());
            if (column.keeps(value)) {
                record.set(column.member(), value);
            }
        }
        record.put(Column.PREV_HASH.member(), lastHash);
        String canonical = HashChain.canonicalForm(record);
        String hash = Sha256.hex(canonical);
        if (format == ExportFormat.NDJSON) {
            out.write("{\"hash\":\"");
            out.write(hash);
            out.write("\",");
            out.write(canonical, 1, canonical.length() - 1);
            out.write('\n');
        } else {
            writeCsvRow(record, hash);
        }
        count++;
        if (firstHash == null) {
            firstHash = hash;
        }
        lastHash = hash;
        return hash;
    }

    private void writeCsvRow(ObjectNode record, String hash) throws IOException {
        row.setLength(0);
        for (Column column : Column.values()) {
            if (column != Column.POSITION) {
                row.append(',');
            }
            JsonNode value = column == Column.HASH ? JsonNodeFactory.instance.textNode(hash) : record.get(column.member());
            if (value == null) {
                continue;
            }
            Csv.appendCell(column.kind() == Column.Kind.JSON ? Jcs.canonicalize(value) : value.asText(), row);
        }
        row.append(Csv.LINE_END);
        out.write(row.toString());
    }

    /** Writes the signed manifest as the export's last line and flushes. */
    public void end(String manifestJws) throws IOException {
        if (format == ExportFormat.NDJSON) {
            out.write("{\"manifest\":\"" + manifestJws + "\"}\n");
        } else {
            out.write("manifest," + manifestJws + Csv.LINE_END);
        }
        out.flush();
    }

    public long count() {
        return count;
    }

    /** Null until a record was written. */
    public String firstHash() {
        return firstHash;
    }

    /** The genesis until a record was written. */
    public String lastHash() {
        return lastHash;
    }
}
