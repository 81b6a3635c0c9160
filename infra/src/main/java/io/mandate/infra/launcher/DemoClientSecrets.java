package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code <home>/demo/client-secrets.env}: the demo clients' {@code client_secret_basic} secrets, which
 * the command-service shows once (at registration or rotation) and never stores. Shell assignments,
 * one per client ({@code travel-agent} → {@code TRAVEL_AGENT_SECRET=…}), so a shell can source them;
 * owner-only (mode 600).
 */
final class DemoClientSecrets {

    static final String FOLDER = "demo";
    static final String FILE = "client-secrets.env";
    private static final String SUFFIX = "_SECRET";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    private final Path file;
    private final Map<String, String> byVariable;

    private DemoClientSecrets(Path file, Map<String, String> byVariable) {
        this.file = file;
        this.byVariable = byVariable;
    }

    static Path file(Path home) {
        return home.resolve(FOLDER).resolve(FILE);
    }

    /** What the file under {@code home} holds; empty when there is none yet. */
    static DemoClientSecrets read(Path home) {
        Path file = file(home);
        Map<String, String> values = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int equals = line.indexOf('=');
                    if (!line.startsWith("#") && equals > 0 && line.substring(0, equals).endsWith(SUFFIX)) {
                        values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new DemoClientSecrets(file, values);
    }

    /** The shell variable holding a client's secret: {@code calendar-mcp} → {@code CALENDAR_MCP_SECRET}. */
    static String variable(String clientId) {
        return clientId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + SUFFIX;
    }

    Optional<String> secret(String clientId) {
        return Optional.ofNullable(byVariable.get(variable(clientId)));
    }

    /** Records a client's new secret (in memory: {@link #save()} writes the file). */
    void put(String clientId, String secret) {
        // The command-service's secrets are base64url; anything a shell would interpret is refused, not quoted.
        if (secret == null || !SHELL_SAFE.matcher(secret).matches()) {
            throw new IllegalArgumentException("not a client secret a shell file can hold as is");
        }
        byVariable.put(variable(clientId), secret);
    }

    void save() {
        StringBuilder text = new StringBuilder("""
                # The demo clients' client_secret_basic secrets, written by ./mandate up (shown once by the
                # command-service, kept nowhere else). Load them with: set -a; . %s; set +a
                """.formatted(file));
        byVariable.forEach((name, secret) -> text.append(name).append('=').append(secret).append('\n'));
        PrivateFiles.replace(file, text.toString());
    }

    Path file() {
        return file;
    }
}
