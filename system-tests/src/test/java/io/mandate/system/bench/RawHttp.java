package io.mandate.system.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's HTTP/1.1 client: one keep-alive connection over a plain socket, one request at a
 * time. It exists because the load generator shares the two cores with what it measures: the
 * {@code java.net.http} client with JSON parsing cost as much CPU per exchange as the issuer itself.
 * Requests come from a {@link Template} (request line, headers and the form body prebuilt, only the
 * subject token spliced in); answers are read by status line and {@code Content-Length} (or
 * {@code Transfer-Encoding: chunked}); the few fields the benchmark checks are pulled out with
 * {@link #jsonString}, a scan for one top-level string member, not a JSON tree.
 *
 * <p>Anything it does not understand (a malformed status line or header, a missing length, a
 * truncated body) is an {@link IOException}: the caller counts it as an unexpected answer, which
 * fails the run; the connection is then dropped and the next request opens a new one.
 */
final class RawHttp implements Closeable {

    /** An answer: its status and its body's bytes. */
    record Response(int status, byte[] body) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * One kind of {@code POST} prebuilt as bytes: the head up to the {@code Content-Length} value, the
     * body before the spliced value and the body after it. The spliced value (the subject token) must be
     * form-safe as it is: a JWS compact serialisation is (base64url and dots).
     */
    record Template(byte[] head, byte[] bodyBefore, byte[] bodyAfter) {

        static Template formPost(URI endpoint, String authorization, String bodyBefore, String bodyAfter) {
            String head = "POST " + endpoint.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
                    + "Authorization: " + authorization + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Accept: application/json\r\n"
                    + "Content-Length: ";
            return new Template(ascii(head), ascii(bodyBefore), ascii(bodyAfter));
        }
    }

    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] send = new byte[4096];
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    RawHttp(URI endpoint, int timeoutMillis) {
        this.host = endpoint.getHost();
        this.port = endpoint.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends the template with {@code value} spliced into its body and reads the whole answer. */
    Response post(Template template, String value) throws IOException {
        if (!formSafe(value)) {
            throw new IOException("value is not form-safe as it is: " + abbreviate(value));
        }
        int bodyLength = template.bodyBefore().length + value.length() + template.bodyAfter().length;
        byte[] length = ascii(Integer.toString(bodyLength));
        int total = template.head().length + length.length + 4 + bodyLength;
        if (send.length < total) {
            send = new byte[Math.max(total, send.length * 2)];
        }
        int at = put(template.head(), 0);
        at = put(length, at);
        send[at++] = '\r';
        send[at++] = '\n';
        send[at++] = '\r';
        send[at++] = '\n';
        at = put(template.bodyBefore(), at);
        for (int i = 0; i < value.length(); i++) {
            send[at++] = (byte) value.charAt(i);
        }
        at = put(template.bodyAfter(), at);
        try {
            connectIfNeeded();
            out.write(send, 0, at);
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e.toString(), e);
        }
    }

    private int put(byte[] bytes, int at) {
        System.arraycopy(bytes, 0, send, at, bytes.length);
        return at + bytes.length;
    }

    private void connectIfNeeded() throws IOException {
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.setSoTimeout(timeoutMillis);
        fresh.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = fresh;
        in = fresh.getInputStream();
        out = fresh.getOutputStream();
        position = 0;
        limit = 0;
    }

    /** Reads one answer from the connection's buffered bytes (package-private for the parser's tests). */
    Response readResponse() throws IOException {
        String statusLine = readLine();
        // "HTTP/1.1 200 OK" (the reason phrase may be empty or absent)
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new IOException("malformed status line: " + abbreviate(statusLine));
        }
        int status = parseDigits(statusLine, 9, 12, "status");
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        int headBytes = statusLine.length();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD) {
                throw new IOException("response head longer than " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + abbreviate(line));
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                long parsed = parseDigits(value, 0, value.length(), "Content-Length");
                if (contentLength >= 0 && contentLength != parsed) {
                    throw new IOException("conflicting Content-Length headers");
                }
                contentLength = parsed;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                if (!value.equalsIgnoreCase("chunked")) {
                    throw new IOException("unsupported Transfer-Encoding: " + value);
                }
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked();  // RFC 9112 §6.3: chunked wins over Content-Length
        } else if (contentLength >= 0) {
            if (contentLength > MAX_BODY) {
                throw new IOException("Content-Length " + contentLength + " over " + MAX_BODY);
            }
            body = readExactly((int) contentLength);
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else {
            // The body would run to the end of the connection: not how a keep-alive answer is framed here.
            throw new IOException("answer " + status + " has neither Content-Length nor chunked encoding");
        }
        if (closeAfter) {
            close();  // the server ends the connection (e.g. its keep-alive request limit): the next post reconnects
        }
        return new Response(status, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + abbreviate(sizeLine));
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw new IOException("chunked body over " + MAX_BODY + " bytes");
            }
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailer fields: not used
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!readLine().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = new byte[length];
        int copied = 0;
        while (copied < length) {
            if (position == limit) {
                fill();
            }
            int n = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, bytes, copied, n);
            position += n;
            copied += n;
        }
        return bytes;
    }

    /** One line ending in CRLF, without it (ASCII; a bare LF is refused as malformed). */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                fill();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {  // found LF
                int end = position;
                position++;
                String part = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                String whole = line == null ? part : line.append(part).toString();
                if (whole.isEmpty() || whole.charAt(whole.length() - 1) != '\r') {
                    throw new IOException("line not ended by CRLF: " + abbreviate(whole));
                }
                return whole.substring(0, whole.length() - 1);
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(buffer, start, limit - start, StandardCharsets.ISO_8859_1));
            if (line.length() > MAX_HEAD) {
                throw new IOException("line longer than " + MAX_HEAD + " bytes");
            }
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException("connection closed by the server mid-answer");
        }
        position = 0;
        limit = n;
    }

    @Override
    public void close() {
        Socket open = socket;
        socket = null;
        in = null;
        out = null;
        position = 0;
        limit = 0;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** For the parser's tests: read answers from a stream instead of a socket. */
    static RawHttp reading(InputStream stream) {
        RawHttp http = new RawHttp(URI.create("http://127.0.0.1:1/"), 1000);
        http.in = stream;
        return http;
    }

    /**
     * The string value of a top-level member {@code "name"} of a JSON object, or null when the body has
     * no such member with a string value. A scan, not a parser: it finds the first occurrence of the quoted
     * name followed (after optional whitespace) by a colon, so it serves the flat objects an OAuth token
     * endpoint answers (RFC 6749 §5.1/§5.2), where names do not repeat inside values. A value with an escape
     * sequence is returned as null: neither a JWS nor an error code has one.
     */
    static String jsonString(byte[] body, String name) {
        byte[] key = ascii("\"" + name + "\"");
        int from = 0;
        while (true) {
            int at = indexOf(body, key, from);
            if (at < 0) {
                return null;
            }
            int i = skipSpace(body, at + key.length);
            if (i < body.length && body[i] == ':') {
                i = skipSpace(body, i + 1);
                if (i >= body.length || body[i] != '"') {
                    return null;  // not a string (null, a number, an object)
                }
                int start = i + 1;
                for (int j = start; j < body.length; j++) {
                    if (body[j] == '\\') {
                        return null;
                    }
                    if (body[j] == '"') {
                        return new String(body, start, j - start, StandardCharsets.UTF_8);
                    }
                }
                return null;  // unterminated
            }
            from = at + 1;  // the name appeared as a value: look further
        }
    }

    private static int skipSpace(byte[] body, int i) {
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Characters a form value may hold unencoded (RFC 3986 unreserved): what a JWS compact form uses. */
    static boolean formSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (!ok) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static int parseDigits(String text, int from, int to, String what) throws IOException {
        if (from >= to || to - from > 9) {
            throw new IOException("malformed " + what + ": " + abbreviate(text));
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("malformed " + what + ": " + abbreviate(text));
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    @Override
    public String toString() {
        return "RawHttp[" + host + ":" + port + (socket == null ? ", idle" : ", connected") + "]";
    }
}
