package io.mandate.issuer.registration;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fetches a URL that a stranger chose (a client ID metadata document) without letting that stranger
 * point Mandate at its own network (SSRF): https only (http only for allow-listed hosts, in tests);
 * the host is resolved once and <em>every</em> address must be public unless the host is allow-listed;
 * the connection goes to an address that was checked (so a second, rebinding DNS answer is never used);
 * no redirect is followed; the connect time, the whole exchange and the body size are bounded. A small
 * HTTP/1.1 client on a plain socket, because {@link java.net.http.HttpClient} resolves the name again
 * by itself and cannot be pinned to a checked address.
 */
class SafeFetcher {

    /** Turns a host name into its addresses; replaceable in tests. */
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A 200 response: its headers (lower-case names) and body. */
    record Response(Map<String, String> headers, byte[] body) {
    }

    /** The fetch was refused or failed; the message is safe to show (it never quotes the response). */
    static final class FetchRefused extends Exception {
        FetchRefused(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_HEADER_BYTES = 8 * 1024;

    private final int maxBytes;
    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private final Set<String> allowedHosts;
    private final boolean allowHttp;
    private final HostResolver resolver;
    private final Clock clock;

    SafeFetcher(RegistrationProperties.MetadataDocuments config, HostResolver resolver, Clock clock) {
        this.maxBytes = config.maxBytes();
        this.connectTimeout = config.connectTimeout();
        this.totalTimeout = config.totalTimeout();
        this.allowedHosts = lowerCase(config.allowedHosts());
        this.allowHttp = config.allowHttp();
        this.resolver = resolver;
        this.clock = clock;
    }

    Response get(URI uri) throws FetchRefused {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new FetchRefused("the URL needs a host and no user info or fragment");
        }
        boolean allowListed = allowedHosts.contains(host);
        if (!"https".equals(scheme) && !("http".equals(scheme) && allowHttp && allowListed)) {
            throw new FetchRefused("only https URLs are fetched");
        }
        InetAddress address = checkedAddress(host, allowListed);
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        Instant deadline = clock.instant().plus(totalTimeout);
        try (Socket socket = open(address, port, host, "https".equals(scheme), deadline)) {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            String hostHeader = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n"
                    + "User-Agent: Mandate-token-issuer\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket, deadline);
        } catch (SocketTimeoutException e) {
            throw new FetchRefused("the document took too long");
        } catch (IOException e) {
            throw new FetchRefused("the document could not be fetched (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Resolves once; every address must be public unless the host is allow-listed. */
    private InetAddress checkedAddress(String host, boolean allowListed) throws FetchRefused {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchRefused("the host does not resolve");
        }
        if (addresses.length == 0) {
            throw new FetchRefused("the host does not resolve");
        }
        if (!allowListed) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new FetchRefused("the host resolves to a private, loopback or link-local address");
                }
            }
        }
        return addresses[0];
    }

    /** Loopback, link-local, private (RFC 1918, RFC 4193), carrier-grade NAT, multicast, unspecified, reserved: not public. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && first < 224                              // 0/8, multicast and reserved 224+
                    && !(first == 100 && second >= 64 && second < 128)    // 100.64/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19));  // 198.18/15 benchmarking
        }
        int first = b[0] & 0xff;
        boolean uniqueLocal = (first & 0xfe) == 0xfc;                     // fc00::/7
        boolean mappedV4 = isMappedV4(b);
        return !uniqueLocal && !mappedV4;                                  // a mapped address is judged as IPv4 or refused
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private Socket open(InetAddress address, int port, String host, boolean tls, Instant deadline) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), (int) Math.max(1, connectTimeout.toMillis()));
            plain.setSoTimeout(remainingMillis(deadline));
            if (!tls) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");  // the certificate must name the host
            if (!host.isEmpty() && Character.isLetter(host.charAt(host.length() - 1))) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            secure.setSSLParameters(parameters);
            secure.setSoTimeout(remainingMillis(deadline));
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private Response read(Socket socket, Instant deadline) throws IOException, FetchRefused {
        InputStream in = socket.getInputStream();
        String head = readHead(in, socket, deadline);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new FetchRefused("the answer is not HTTP/1.x");
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new FetchRefused("the answer is not HTTP/1.x");
        }
        if (code >= 300 && code < 400) {
            throw new FetchRefused("the document redirects; redirects are not followed");
        }
        if (code != 200) {
            throw new FetchRefused("the document answered HTTP " + code);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        byte[] body;
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in, socket, deadline);
        } else if (headers.containsKey("content-length")) {
            long length;
            try {
                length = Long.parseLong(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new FetchRefused("the Content-Length is not a number");
            }
            if (length > maxBytes) {
                throw new FetchRefused("the document is larger than " + maxBytes + " bytes");
            }
            body = readUpTo(in, (int) length, socket, deadline, true);
        } else {
            body = readUpTo(in, maxBytes + 1, socket, deadline, false);
        }
        if (body.length > maxBytes) {
            throw new FetchRefused("the document is larger than " + maxBytes + " bytes");
        }
        return new Response(headers, body);
    }

    private String readHead(InputStream in, Socket socket, Instant deadline) throws IOException, FetchRefused {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            socket.setSoTimeout(remainingMillis(deadline));
            int next = in.read();
            if (next < 0) {
                throw new FetchRefused("the connection closed before the headers ended");
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new FetchRefused("the response headers are too large");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked(InputStream in, Socket socket, Instant deadline) throws IOException, FetchRefused {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, socket, deadline);
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new FetchRefused("a chunk size is not hexadecimal");
            }
            if (size == 0) {
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > maxBytes) {
                throw new FetchRefused("the document is larger than " + maxBytes + " bytes");
            }
            body.write(readUpTo(in, size, socket, deadline, true));
            readLine(in, socket, deadline);
        }
    }

    private String readLine(InputStream in, Socket socket, Instant deadline) throws IOException, FetchRefused {
        StringBuilder line = new StringBuilder();
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int next = in.read();
            if (next < 0) {
                throw new FetchRefused("the connection closed inside a chunk");
            }
            if (next == '\n') {
                return line.toString().stripTrailing();
            }
            if (line.length() > 256) {
                throw new FetchRefused("a chunk header is too long");
            }
            line.append((char) next);
        }
    }

    /** Reads {@code count} bytes (exactly, if {@code exact}; else until the end), each read within the deadline. */
    private byte[] readUpTo(InputStream in, int count, Socket socket, Instant deadline, boolean exact)
            throws IOException, FetchRefused {
        byte[] buffer = new byte[count];
        int read = 0;
        while (read < count) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer, read, count - read);
            if (n < 0) {
                if (exact) {
                    throw new FetchRefused("the connection closed before the document ended");
                }
                break;
            }
            read += n;
        }
        return read == count ? buffer : java.util.Arrays.copyOf(buffer, read);
    }

    /** What is left of the whole-fetch budget; a timeout of 0 would mean "forever", so never less than 1 ms. */
    private int remainingMillis(Instant deadline) throws SocketTimeoutException {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static Set<String> lowerCase(Set<String> hosts) {
        return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
