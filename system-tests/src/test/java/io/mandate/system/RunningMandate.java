package io.mandate.system;

import io.mandate.infra.launcher.Component;
import io.mandate.infra.launcher.Distributions;
import io.mandate.infra.launcher.LocalStack;
import io.mandate.infra.launcher.Processes;
import io.mandate.infra.launcher.ServiceComponent;
import io.mandate.infra.launcher.StackComponents;
import io.mandate.infra.launcher.StackSettings;
import io.mandate.infra.testkit.TestStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services, started once per test JVM from their executable jars as separate
 * processes (as {@code ./mandate up} runs them), on free ports, against {@link TestStack}. The
 * token-issuer trusts the tests' own identity provider ({@link TestIdentityProvider}), so a test
 * can present a user's token as the subject of a first exchange.
 */
final class RunningMandate {

    private static RunningMandate shared;

    /** The initial access token every system test may register clients with (RFC 7591 §3), and its hash. */
    static final String INITIAL_ACCESS_TOKEN = "system-tests-initial-access-token-3f9c1e";
    private static final String INITIAL_ACCESS_TOKEN_HASH = "sha256:" + java.util.Base64.getUrlEncoder()
            .withoutPadding().encodeToString(sha256(INITIAL_ACCESS_TOKEN));

    private static byte[] sha256(String value) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Map<String, ServiceComponent> services;
    private final TestStack stack;
    private final TestIdentityProvider identityProvider;
    private final Map<String, String> environment;
    private final Path home;
    private final Distributions distributions;

    private RunningMandate(Map<String, ServiceComponent> services, TestStack stack,
                           TestIdentityProvider identityProvider, Map<String, String> environment, Path home,
                           Distributions distributions) {
        this.services = services;
        this.stack = stack;
        this.identityProvider = identityProvider;
        this.environment = Map.copyOf(environment);
        this.home = home;
        this.distributions = distributions;
    }

    static synchronized RunningMandate get() {
        if (shared == null) {
            shared = start(TestStack.get());
        }
        return shared;
    }

    private static RunningMandate start(TestStack stack) {
        Distributions distributions = Distributions.locate(Path.of(System.getProperty("user.dir")));
        Path home = createHome(distributions);
        TestIdentityProvider identityProvider = TestIdentityProvider.create(home);
        Map<String, Integer> ports = new LinkedHashMap<>();
        StackComponents.SERVICES.forEach(module -> ports.put(module, Processes.freePort()));
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        environment.put("MANDATE_QUERY_SERVICE_URL", "http://127.0.0.1:" + ports.get(StackSettings.QUERY_SERVICE));
        environment.put("MANDATE_ISSUER_URL", "http://127.0.0.1:" + ports.get(StackSettings.TOKEN_ISSUER));
        // Where the authorization server creates the grants users consent to.
        environment.put("MANDATE_COMMAND_SERVICE_URL", "http://127.0.0.1:" + ports.get(StackSettings.COMMAND_SERVICE));
        environment.putAll(identityProvider.issuerEnvironment());
        // A closed deployment: dynamic registration needs this initial access token (RegistrationThroughTheStackIT).
        environment.put("MANDATE_REGISTRATION_INITIAL_ACCESS_TOKEN_HASHES", INITIAL_ACCESS_TOKEN_HASH);
        Map<String, StackSettings.Port> named = new LinkedHashMap<>();
        StackSettings defaults = StackSettings.fromEnvironment(home, Map.of());
        ports.forEach((module, port) -> {
            String variable = defaults.port(module).variable();
            named.put(module, new StackSettings.Port(port, variable));
            environment.put(variable, Integer.toString(port));
        });
        Map<String, ServiceComponent> services = new LinkedHashMap<>();
        named.forEach((module, port) -> services.put(module,
                new ServiceComponent(module, () -> distributions.serviceJar(module), port, environment, home)));
        LocalStack processes = new LocalStack(List.of(new ArrayList<Component>(services.values())), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(processes::stop, "mandate-services-stop"));
        processes.start();
        return new RunningMandate(services, stack, identityProvider, environment, home, distributions);
    }

    /**
     * One more token-issuer instance beside the running stack (same event store, same Kafka, same
     * trusted identity provider), with its own port, issuer URL and home, and the given extra
     * settings. The caller stops it.
     */
    /** An extra token-issuer: its issuer URL, and the process to stop. */
    record ExtraIssuer(String url, LocalStack process) {
    }

    ExtraIssuer startExtraIssuer(String name, Map<String, String> settings) {
        return startExtraIssuer(name, Processes.freePort(), settings);
    }

    /** As {@link #startExtraIssuer(String, Map)}, on a port chosen before (its URL must be known beforehand, e.g. by an identity provider). */
    ExtraIssuer startExtraIssuer(String name, int port, Map<String, String> settings) {
        Map<String, String> extra = new HashMap<>(environment);
        String variable = StackSettings.fromEnvironment(home, Map.of()).port(StackSettings.TOKEN_ISSUER).variable();
        extra.put(variable, Integer.toString(port));
        extra.put("MANDATE_ISSUER_URL", "http://127.0.0.1:" + port);
        extra.putAll(settings);
        Path extraHome;
        try {
            extraHome = Files.createDirectories(home.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceComponent issuer = new ServiceComponent(StackSettings.TOKEN_ISSUER,
                () -> distributions.serviceJar(StackSettings.TOKEN_ISSUER), new StackSettings.Port(port, variable),
                extra, extraHome);
        LocalStack process = new LocalStack(List.of(List.<Component>of(issuer)), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(process::stop, name + "-stop"));
        process.start();
        return new ExtraIssuer(issuer.url(), process);
    }

    private static Path createHome(Distributions distributions) {
        try {
            return Files.createDirectories(distributions.root().resolve("target/system-tests-" + ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String module) {
        return services.get(module).url();
    }

    TestStack stack() {
        return stack;
    }

    /** The token-issuer's issuer identifier: the base of its endpoints and every token's {@code iss}. */
    String issuerUrl() {
        return url(StackSettings.TOKEN_ISSUER);
    }

    /** A token for the user from the identity provider the token-issuer trusts. */
    String userToken(String userId) {
        return identityProvider.userToken(userId);
    }

    TestIdentityProvider identityProvider() {
        return identityProvider;
    }
}
