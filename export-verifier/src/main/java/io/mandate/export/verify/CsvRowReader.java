package io.mandate.export.verify;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 rows one at a time, remembering the line each starts on (a quoted cell may
 * span lines), so a report names the line a reader sees in an editor.
 */
final class CsvRowReader {

    private final Reader in;
    private int line = 1;
    private int rowLine;
    private int pushedBack = -2;

    CsvRowReader(Reader in) {
        this.in = in;
    }

    /** The line the last row returned by {@link #next()} started on. */
    int rowLine() {
        return rowLine;
    }

    /**
     * The next row's cells, or null at the end.
     *
     * @throws MalformedRowException for a quote that never closes or text after a closing quote
     */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        rowLine = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        while (true) {
            if (c == '"' && cell.isEmpty()) {
                readQuoted(cell);
                c = read();
                if (c != ',' && c != '\r' && c != '\n' && c != -1) {
                    throw new MalformedRowException("text after a closing quote");
                }
                continue;
            }
            if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        pushBack(next);
                    }
                }
                if (c != -1) {
                    line++;
                }
                cells.add(cell.toString());
                return cells;
            } else {
                cell.append((char) c);
            }
            c = read();
        }
    }

    private void readQuoted(StringBuilder cell) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                throw new MalformedRowException("a quoted cell never closes");
            }
            if (c == '"') {
                int next = read();
                if (next == '"') {
                    cell.append('"');
                    continue;
                }
                pushBack(next);
                return;
            }
            if (c == '\n') {
                line++;
            }
            cell.append((char) c);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void pushBack(int c) {
        pushedBack = c;
    }

    static final class MalformedRowException extends IOException {

        MalformedRowException(String message) {
            super(message);
        }
    }
}
