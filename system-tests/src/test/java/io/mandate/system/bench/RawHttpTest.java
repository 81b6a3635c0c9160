package io.mandate.system.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark's HTTP/1.1 client: framing of answers, the token scan, and what it refuses. */
class RawHttpTest {

    private static RawHttp reading(String wire) {
        return RawHttp.reading(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void answerWithContentLengthThenBodyReadExactlyAndNextAnswerFollows() throws IOException {
        String first = "{\"access_token\":\"a.b.c\",\"token_type\":\"Bearer\"}";
        String second = "{\"error\":\"invalid_scope\"}";
        RawHttp http = reading("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + first.length()
                + "\r\n\r\n" + first
                + "HTTP/1.1 400 \r\ncontent-length: " + second.length() + "\r\n\r\n" + second);

        RawHttp.Response ok = http.readResponse();
        RawHttp.Response refused = http.readResponse();

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.bodyText()).isEqualTo(first);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.bodyText()).isEqualTo(second);
    }

    @Test
    void chunkedAnswerWhenSplitInChunksThenBodyReassembled() throws IOException {
        RawHttp http = reading("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\n{\"acc\r\n19\r\ness_token\":\"x.y.z\",\"n\":1}\r\n0\r\nTrailer: t\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");

        RawHttp.Response response = http.readResponse();

        assertThat(response.bodyText()).isEqualTo("{\"access_token\":\"x.y.z\",\"n\":1}");
        assertThat(RawHttp.jsonString(response.body(), "access_token")).isEqualTo("x.y.z");
        assertThat(http.readResponse().status()).isEqualTo(204);
    }

    @Test
    void answerWhenUnframedOrMalformedThenIOException() {
        assertThatThrownBy(() -> reading("HTTP/1.1 200 OK\r\n\r\n{}").readResponse())
                .hasMessageContaining("neither Content-Length nor chunked");
        assertThatThrownBy(() -> reading("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n").readResponse())
                .hasMessageContaining("malformed status");
        assertThatThrownBy(() -> reading("HTTP/1.1 200 OK\nContent-Length: 0\n\n").readResponse())
                .hasMessageContaining("CRLF");
        assertThatThrownBy(() -> reading("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n").readResponse())
                .hasMessageContaining("unsupported Transfer-Encoding");
        assertThatThrownBy(() -> reading("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n").readResponse())
                .hasMessageContaining("conflicting");
        assertThatThrownBy(() -> reading("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"").readResponse())
                .hasMessageContaining("closed by the server");
        assertThatThrownBy(() -> reading("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").readResponse())
                .hasMessageContaining("chunk size");
    }

    @Test
    void jsonStringWhenMemberPresentThenValueElseNull() {
        byte[] body = "{ \"note\" : \"access_token\", \"access_token\" : \"h.p.s\" , \"expires_in\":300 }"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RawHttp.jsonString(body, "access_token")).isEqualTo("h.p.s");
        assertThat(RawHttp.jsonString(body, "expires_in")).isNull();          // not a string
        assertThat(RawHttp.jsonString(body, "refresh_token")).isNull();       // absent
        assertThat(RawHttp.jsonString("{\"error\":\"in\\\"valid\"}".getBytes(StandardCharsets.UTF_8), "error")).isNull();
        assertThat(RawHttp.jsonString("{\"error\":\"invalid_sc".getBytes(StandardCharsets.UTF_8), "error")).isNull();
    }

    @Test
    void postWhenServerAnswersThenRequestCarriesSplicedTokenAndKeepsConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/oauth2/token");
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> serveTwice(server));
            RawHttp.Template template = RawHttp.Template.formPost(endpoint, "Basic YTpi", "subject_token=", "&scope=s");

            try (RawHttp http = new RawHttp(endpoint, 5_000)) {
                RawHttp.Response first = http.post(template, "h.p.s");
                RawHttp.Response second = http.post(template, "h2.p2.s2");
                assertThat(RawHttp.jsonString(first.body(), "access_token")).isEqualTo("t1");
                assertThat(RawHttp.jsonString(second.body(), "access_token")).isEqualTo("t2");
            }
            String requests = seen.get(10, TimeUnit.SECONDS);
            assertThat(requests).startsWith("POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort())
                    .contains("Authorization: Basic YTpi\r\n")
                    .contains("Content-Length: 27\r\n\r\nsubject_token=h.p.s&scope=s")
                    .endsWith("Content-Length: 30\r\n\r\nsubject_token=h2.p2.s2&scope=s");
        }
    }

    @Test
    void postWhenValueNeedsEncodingThenRefusedBeforeSending() {
        RawHttp.Template template = RawHttp.Template.formPost(URI.create("http://127.0.0.1:1/t"), "Basic x", "a=", "");
        assertThatThrownBy(() -> new RawHttp(URI.create("http://127.0.0.1:1/t"), 1000).post(template, "a b&c"))
                .hasMessageContaining("not form-safe");
    }

    /** Accepts one connection, answers two requests on it (the second with Connection: close), returns what it read. */
    private static String serveTwice(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            for (int i = 1; i <= 2; i++) {
                String head = readHead(in);
                int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                seen.write(head.getBytes(StandardCharsets.ISO_8859_1));
                seen.write(in.readNBytes(length));
                String body = "{\"access_token\":\"t" + i + "\"}";
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n"
                        + (i == 2 ? "Connection: close\r\n" : "") + "\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            return seen.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
