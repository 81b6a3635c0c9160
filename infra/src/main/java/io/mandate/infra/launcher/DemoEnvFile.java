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
 * A private file of shell assignments under {@code <home>/demo/} (owner-only, mode 600), which a shell
 * can source: the demo users' passwords ({@code ALICE_PASSWORD=…}) and the access tokens their consent
 * gave the demo agents ({@code ALICE_TRAVEL_AGENT_TOKEN=…}). Values a shell would interpret are refused,
 * not quoted.
 */
final class DemoEnvFile {

    static final String USERS = "users.env";
    static final String TOKENS = "user-tokens.env";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    private final Path file;
    private final String header;
    private final Map<String, String> values;

    private DemoEnvFile(Path file, String header, Map<String, String> values) {
        this.file = file;
        this.header = header;
        this.values = values;
    }

    static Path file(Path home, String name) {
        return home.resolve(DemoClientSecrets.FOLDER).resolve(name);
    }

    /** The demo users' passwords, which {@code ./mandate up} generates once. */
    static DemoEnvFile users(Path home) {
        return read(file(home, USERS), "The demo users' passwords for the token-issuer's sign-in page, generated once by "
                + "./mandate up.");
    }

    /** The access tokens the demo agents received by their users' consent (5 minutes each). */
    static DemoEnvFile tokens(Path home) {
        return read(file(home, TOKENS), "The access tokens the demo agents received through their users' consent "
                + "(authorization code + PKCE); ./mandate demo-token prints them.");
    }

    /** The shell variable for a name: {@code alice}, {@code travel-agent}, {@code TOKEN} → {@code ALICE_TRAVEL_AGENT_TOKEN}. */
    static String variable(String... parts) {
        return String.join("_", parts).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    Optional<String> get(String variable) {
        return Optional.ofNullable(values.get(variable));
    }

    /** Records a value in memory: {@link #save()} writes the file. */
    void put(String variable, String value) {
        if (value == null || !SHELL_SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a value a shell file can hold as is: " + variable);
        }
        values.put(variable, value);
    }

    void save() {
        StringBuilder text = new StringBuilder("# " + header + "\n# Load with: set -a; . " + file + "; set +a\n");
        values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        PrivateFiles.replace(file, text.toString());
    }

    Path file() {
        return file;
    }

    private static DemoEnvFile read(Path file, String header) {
        Map<String, String> values = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int equals = line.indexOf('=');
                    if (!line.startsWith("#") && equals > 0) {
                        values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new DemoEnvFile(file, header, values);
    }
}
