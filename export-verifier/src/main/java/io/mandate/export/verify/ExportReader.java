package io.mandate.export.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mandate.export.format.Column;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an export file (NDJSON or CSV, told apart by its first character) one entry at a time:
 * a record with its stated hash, the manifest, or a line that is neither.
 */
abstract class ExportReader implements Closeable {

    /** Strict: a duplicated member or trailing text is a malformed line, not a silently different record. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    enum Kind { RECORD, MANIFEST, MALFORMED }

    /**
     * @param record   a record without its {@code hash} member (RECORD only)
     * @param hash     the hash the record states (RECORD only)
     * @param manifest the compact JWS (MANIFEST only)
     * @param problem  what is wrong (MALFORMED only)
     */
    record Entry(Kind kind, int line, ObjectNode record, String hash, String manifest, String problem) {

        static Entry record(int line, ObjectNode record, String hash) {
            String problem = null;
            if (hash == null) {
                problem = "a record without a hash";
            } else if (!record.path(Column.PREV_HASH.member()).isTextual()) {
                problem = "a record without a prevHash";
            } else if (!record.path(Column.POSITION.member()).isIntegralNumber()) {
                problem = "a record without a position";
            }
            return problem == null ? new Entry(Kind.RECORD, line, record, hash, null, null) : malformed(line, problem);
        }

        static Entry manifest(int line, String jws) {
            return new Entry(Kind.MANIFEST, line, null, null, jws, null);
        }

        /** A record line seen by a layout pass, unparsed. */
        static Entry skipped(int line) {
            return new Entry(Kind.RECORD, line, null, null, null, null);
        }

        static Entry malformed(int line, String problem) {
            return new Entry(Kind.MALFORMED, line, null, null, null, problem);
        }

        String prevHash() {
            return record.path(Column.PREV_HASH.member()).textValue();
        }

        long position() {
            return record.path(Column.POSITION.member()).asLong();
        }
    }

    protected final BufferedReader in;
    /** False for a layout pass: records come back as {@link Entry#skipped}, not parsed (half the work). */
    protected final boolean parseRecords;

    ExportReader(BufferedReader in, boolean parseRecords) {
        this.in = in;
        this.parseRecords = parseRecords;
    }

    static ExportReader open(Path file) throws IOException {
        return open(file, true);
    }

    static ExportReader open(Path file, boolean parseRecords) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        in.mark(1);
        int first = in.read();
        in.reset();
        return first == '{' ? new Ndjson(in, parseRecords) : new CsvFile(in, parseRecords);
    }

    /** The next entry, or null at the end of the file. */
    abstract Entry next() throws IOException;

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static final class Ndjson extends ExportReader {

        private int line;

        Ndjson(BufferedReader in, boolean parseRecords) {
            super(in, parseRecords);
        }

        @Override
        Entry next() throws IOException {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            if (text.isBlank()) {
                return Entry.malformed(line, "a blank line");
            }
            if (!parseRecords && !text.startsWith("{\"manifest\"")) {
                return Entry.skipped(line);
            }
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                return Entry.malformed(line, "not a JSON object");
            }
            if (!(json instanceof ObjectNode object)) {
                return Entry.malformed(line, "not a JSON object");
            }
            if (object.size() == 1 && object.path("manifest").isTextual()) {
                return Entry.manifest(line, object.get("manifest").textValue());
            }
            JsonNode hash = object.remove(Column.HASH.member());
            return Entry.record(line, object, hash != null && hash.isTextual() ? hash.textValue() : null);
        }
    }

    private static final class CsvFile extends ExportReader {

        private static final List<String> HEADER = Arrays.stream(Column.values()).map(Column::member).toList();

        private final CsvRowReader rows;
        private boolean headerRead;

        CsvFile(BufferedReader in, boolean parseRecords) {
            super(in, parseRecords);
            this.rows = new CsvRowReader(in);
        }

        @Override
        Entry next() throws IOException {
            List<String> cells;
            try {
                cells = rows.next();
            } catch (CsvRowReader.MalformedRowException e) {
                return Entry.malformed(rows.rowLine(), "not a CSV row: " + e.getMessage());
            }
            if (cells == null) {
                return null;
            }
            int line = rows.rowLine();
            if (!headerRead) {
                headerRead = true;
                if (!HEADER.equals(cells)) {
                    return Entry.malformed(line, "not a Mandate export: neither a JSON line nor the CSV header "
                            + Column.csvHeader());
                }
                return next();
            }
            if (cells.size() == 2 && "manifest".equals(cells.get(0))) {
                return Entry.manifest(line, cells.get(1));
            }
            if (cells.size() != HEADER.size()) {
                return Entry.malformed(line, "a row of " + cells.size() + " cells, not " + HEADER.size());
            }
            return parseRecords ? toRecord(line, cells) : Entry.skipped(line);
        }

        private static Entry toRecord(int line, List<String> cells) {
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            String hash = null;
            Column[] columns = Column.values();
            for (int i = 0; i < columns.length; i++) {
                String cell = cells.get(i);
                Column column = columns[i];
                if (cell.isEmpty()) {
                    continue;
                }
                if (column == Column.HASH) {
                    hash = cell;
                    continue;
                }
                switch (column.kind()) {
                    case STRING -> record.put(column.member(), cell);
                    case INTEGER -> {
                        try {
                            record.put(column.member(), Long.parseLong(cell));
                        } catch (NumberFormatException e) {
                            return Entry.malformed(line, "'" + column.member() + "' is not an integer");
                        }
                    }
                    case JSON -> {
                        try {
                            JsonNode value = JSON.readTree(cell);
                            if (!value.isContainerNode()) {
                                return Entry.malformed(line, "'" + column.member() + "' is not a JSON array or object");
                            }
                            record.set(column.member(), value);
                        } catch (IOException e) {
                            return Entry.malformed(line, "'" + column.member() + "' is not JSON");
                        }
                    }
                    default -> throw new IllegalStateException(column.kind().name());
                }
            }
            return Entry.record(line, record, hash);
        }
    }
}
