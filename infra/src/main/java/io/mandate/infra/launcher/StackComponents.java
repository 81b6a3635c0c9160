package io.mandate.infra.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which components make up the stack for given settings: local ones only where nothing external is configured. */
public final class StackComponents {

    public static final List<String> SERVICES = List.of(
            StackSettings.COMMAND_SERVICE, StackSettings.TOKEN_ISSUER, StackSettings.QUERY_SERVICE, StackSettings.DASHBOARD);

    /** Spring's relaxed-binding form of {@code mandate.issuer.trusted-issuers[n]}. */
    private static final String TRUSTED_ISSUERS = "MANDATE_ISSUER_TRUSTEDISSUERS_";

    private StackComponents() {
    }

    public static List<Component> infrastructure(StackSettings settings, Distributions distributions, RunAs runAs) {
        List<Component> components = new ArrayList<>();
        if (settings.postgresUrl().isEmpty()) {
            components.add(new PostgresComponent(settings));
        }
        if (settings.kafkaBootstrap().isEmpty()) {
            components.add(new KafkaComponent(settings, distributions));
        }
        if (settings.elasticsearchUrl().isEmpty()) {
            components.add(new ElasticsearchComponent(settings, distributions, runAs));
        }
        return components;
    }

    /**
     * The local infrastructure the launcher started in {@code home}, on the ports its {@code stack.env}
     * records, with the settings they were started with; for test code that stops and restarts one.
     */
    public static LaunchedStack launchedIn(Path home, Distributions distributions, RunAs runAs) {
        StackSettings settings = StackEnvFile.settings(home, Map.of("MANDATE_HOME", home.toString()));
        return new LaunchedStack(settings, infrastructure(settings, distributions, runAs));
    }

    /** Settings and infrastructure components of a stack the launcher started. */
    public record LaunchedStack(StackSettings settings, List<Component> components) {
    }

    public static List<Component> services(StackSettings settings, Distributions distributions) {
        Map<String, String> environment = serviceEnvironment(settings);
        List<Component> services = new ArrayList<>();
        for (String module : SERVICES) {
            Map<String, String> own = new HashMap<>(environment);
            if (StackSettings.TOKEN_ISSUER.equals(module)) {
                own.putAll(demoIdentityProviderEnvironment(settings, System.getenv()));
            }
            services.add(new ServiceComponent(module, () -> distributions.serviceJar(module), settings.port(module),
                    own, settings.home()));
        }
        return services;
    }

    /**
     * The token-issuer's trust in the local stack's demo IdP ({@link DemoIdentityProvider}), as the next
     * {@code mandate.issuer.trusted-issuers[n]} entry: after any the launcher's own environment already
     * configures (which the service inherits), so a real IdP set there is kept.
     */
    static Map<String, String> demoIdentityProviderEnvironment(StackSettings settings, Map<String, String> inherited) {
        int index = 0;
        while (isConfigured(inherited, TRUSTED_ISSUERS + index + "_")) {
            index++;
        }
        String prefix = TRUSTED_ISSUERS + index + "_";
        return Map.of(prefix + "ISSUER", DemoIdentityProvider.ISSUER,
                prefix + "JWKSFILE", DemoIdentityProvider.jwksFile(settings.home()).toString(),
                prefix + "AUDIENCES_0", DemoIdentityProvider.AUDIENCE);
    }

    private static boolean isConfigured(Map<String, String> environment, String prefix) {
        return environment.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }

    /** What every service is told about the stack (the variables each application.yml reads). */
    public static Map<String, String> serviceEnvironment(StackSettings settings) {
        Map<String, String> environment = new HashMap<>();
        environment.put("MANDATE_POSTGRES_URL", settings.jdbcUrl());
        environment.put("MANDATE_POSTGRES_USER", settings.postgresUser());
        environment.put("MANDATE_POSTGRES_PASSWORD", settings.postgresPassword());
        environment.put("MANDATE_KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers());
        environment.put("MANDATE_ELASTICSEARCH_URL", settings.elasticsearchHttpUrl());
        environment.put("MANDATE_QUERY_SERVICE_URL", settings.serviceUrl(StackSettings.QUERY_SERVICE));
        environment.put("MANDATE_ISSUER_URL", settings.serviceUrl(StackSettings.TOKEN_ISSUER));
        // The token-issuer creates consented grants and registers self-registered clients through the command-service.
        environment.put("MANDATE_COMMAND_SERVICE_URL", settings.serviceUrl(StackSettings.COMMAND_SERVICE));
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        settings.ports().values().forEach(port -> environment.put(port.variable(), Integer.toString(port.number())));
        return environment;
    }

    static Path defaultHome(Distributions distributions) {
        return distributions.root().resolve(".mandate");
    }
}
