package io.mandate.export.format;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
    /** Every record member but {@code hash}, sorted as RFC 8785 sorts member names. */
    private static final List<Column> CANONICAL_ORDER = Arrays.stream(Column.values())
            .filter(column -> column != Column.HASH)
            .sorted(Comparator.comparing(Column::member))
            .toList();

    private final StringBuilder row = new StringBuilder(1024);
    private final StringBuilder canonical = new StringBuilder(2048);
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
        long position = count + 1;
        canonical.setLength(0);
        writeCanonicalRecord(event, position, canonical);
        String text = canonical.toString();
        String hash = Sha256.hex(text);
        if (format == ExportFormat.NDJSON) {
            out.write("{\"hash\":\"");
            out.write(hash);
            out.write("\",");
            out.write(text, 1, text.length() - 1);
            out.write('\n');
        } else {
            writeCsvRow(event, position, hash);
        }
        count++;
        if (firstHash == null) {
            firstHash = hash;
        }
        lastHash = hash;
        return hash;
    }

    /**
     * The record's RFC 8785 form written straight from the event, without building the record object:
     * the record's member names are fixed, so their canonical order is too ({@link #CANONICAL_ORDER}).
     * {@link HashChain#hashOf} of the same record as an object gives the same text (tested).
     */
    private void writeCanonicalRecord(JsonNode event, long position, StringBuilder out) {
        out.append('{');
        for (Column column : CANONICAL_ORDER) {
            boolean chainMember = column == Column.POSITION || column == Column.PREV_HASH;
            JsonNode value = chainMember ? null : event.get(column.member());
            if (!chainMember && !column.keeps(value)) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            Jcs.writeString(column.member(), out);
            out.append(':');
            if (column == Column.POSITION) {
                out.append(position);
            } else if (column == Column.PREV_HASH) {
                Jcs.writeString(lastHash, out);
            } else {
                Jcs.write(value, out);
            }
        }
        out.append('}');
    }

    private void writeCsvRow(JsonNode event, long position, String hash) throws IOException {
        row.setLength(0);
        for (Column column : Column.values()) {
            if (column != Column.POSITION) {
                row.append(',');
            }
            switch (column) {
                case POSITION -> row.append(position);
                case PREV_HASH -> row.append(lastHash);
                case HASH -> row.append(hash);
                default -> {
                    JsonNode value = event.get(column.member());
                    if (column.keeps(value)) {
                        Csv.appendCell(column.kind() == Column.Kind.JSON ? Jcs.canonicalize(value) : value.asText(), row);
                    }
                }
            }
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
