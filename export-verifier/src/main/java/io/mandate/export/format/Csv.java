package io.mandate.export.format;

/** RFC 4180 cells: quoted when they hold a comma, a quote or a line break, quotes doubled. */
public final class Csv {

    /** RFC 4180 §2.1: records end with CRLF. */
    public static final String LINE_END = "\r\n";

    private Csv() {
    }

    public static void appendCell(String value, StringBuilder out) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
