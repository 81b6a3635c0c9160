package io.mandate.export.verify;

import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;

/**
 * {@code ./mandate verify-export <file> [--jwks <file-or-url>]}: checks a compliance export offline.
 * Exit codes: 0 valid, 1 invalid (the first problem is printed with its line), 2 usage or the check
 * could not run (file unreadable, key set not loadable).
 */
public final class VerifyExport {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: ./mandate verify-export <file> [--jwks <file-or-url>]
              <file>   an export (NDJSON or CSV) from GET /api/exports/events, manifest included
              --jwks   the query-service's export keys (GET /api/exports/jwks), saved to a file for offline
                       use, or its URL; default %s
            exit code: 0 valid, 1 invalid (the first altered, removed, inserted or reordered record is named
            by its line), 2 usage error or the check could not run""";

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String defaultJwks = "http://127.0.0.1:" + environment.getOrDefault("MANDATE_QUERY_SERVICE_PORT", "8083")
                + "/api/exports/jwks";
        String file = null;
        String jwks = defaultJwks;
        for (int i = 0; i < args.length; i++) {
            if (("--jwks".equals(args[i])) && i + 1 < args.length) {
                jwks = args[++i];
            } else if ("-h".equals(args[i]) || "--help".equals(args[i])) {
                out.println(USAGE_TEXT.formatted(defaultJwks));
                return VALID;
            } else if (file == null && !args[i].startsWith("--")) {
                file = args[i];
            } else {
                err.println(USAGE_TEXT.formatted(defaultJwks));
                return USAGE;
            }
        }
        if (file == null) {
            err.println(USAGE_TEXT.formatted(defaultJwks));
            return USAGE;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            err.println("verify-export: cannot read " + file);
            return USAGE;
        }
        JWKSet keys;
        try {
            keys = loadKeys(jwks);
        } catch (IOException | ParseException e) {
            err.println("verify-export: cannot load the export keys from " + jwks + ": " + e.getMessage());
            return USAGE;
        }
        try {
            Verdict verdict = new ExportVerifier().verify(path, keys);
            if (verdict.valid()) {
                var manifest = verdict.manifest();
                out.println("VALID " + file + ": " + verdict.records() + " records, events from " + manifest.from()
                        + " to " + manifest.to() + " (exclusive), filters " + manifest.filters() + "; export "
                        + manifest.exportId() + " by " + manifest.exporter() + " at " + manifest.exportedAt()
                        + ", signed by " + manifest.issuer() + "; last hash " + manifest.lastHash());
                return VALID;
            }
            out.println("INVALID " + file + ": " + verdict.describe());
            return INVALID;
        } catch (IOException e) {
            err.println("verify-export: cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
    }

    static JWKSet loadKeys(String location) throws IOException, ParseException {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            // Bounded: a hanging or huge answer must not hang the verifier.
            return JWKSet.load(new URL(location), 5_000, 5_000, 1_000_000);
        }
        return JWKSet.load(Path.of(location).toFile());
    }
}
