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

    private final Map<String, ServiceComponent> services;
    private final TestStack stack;
    private final TestIdentityProvider identityProvider;

    private RunningMandate(Map<String, ServiceComponent> services, TestStack stack,
                           TestIdentityProvider identityProvider) {
        this.services = services;
        this.stack = stack;
        this.identityProvider = identityProvider;
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
        environment.putAll(identityProvider.issuerEnvironment());
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
        return new RunningMandate(services, stack, identityProvider);
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
