package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local stack's command line: {@code up [--fresh] [--infra-only]}, {@code down},
 * {@code status}, {@code demo-token <user> [<agent>]}, {@code idp-token <user>}. Components outlive this process (pid files under the
 * home folder), so {@code up} returns once everything is healthy and {@code down} finds them again.
 */
public final class Launcher {

    private final StackSettings settings;
    private final Distributions distributions;
    private final PrintStream out;

    Launcher(StackSettings settings, Distributions distributions, PrintStream out) {
        this.settings = settings;
        this.distributions = distributions;
        this.out = out;
    }

    public static void main(String[] args) {
        Distributions distributions = Distributions.locate(Path.of(System.getProperty("mandate.root", ".")));
        Set<String> flags = Set.copyOf(List.of(args).subList(Math.min(1, args.length), args.length));
        String verb = args.length == 0 ? "help" : args[0];
        StackSettings settings;
        try {
            settings = StackEnvFile.settings(StackComponents.defaultHome(distributions), System.getenv());
            if (flags.contains("--free-ports")) {
                settings = settings.withFreePorts(settings.home());
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Launcher launcher = new Launcher(settings, distributions, System.out);
        int status = switch (verb) {
            case "up" -> launcher.up(flags.contains("--fresh"), flags.contains("--infra-only"));
            case "down" -> launcher.down();
            case "status" -> launcher.status();
            case "demo-token" -> new DemoUserToken(settings.home(), settings.serviceUrl(StackSettings.TOKEN_ISSUER),
                    Clock.systemUTC()).print(args.length > 1 ? args[1] : "", args.length > 2 ? args[2] : null,
                    System.out, System.err);
            case "idp-token" -> launcher.idpToken(args.length > 1 ? args[1] : "", System.err);
            default -> {
                System.err.println("usage: launcher up [--fresh] [--infra-only] [--free-ports] | down | status"
                        + " | demo-token <user> [<agent>] | idp-token <user>");
                yield 2;
            }
        };
        System.exit(status);
    }

    int up(boolean fresh, boolean infraOnly) {
        if (fresh) {
            stack().stop(); // services too: none may outlive the state they were started on
            deleteHome();
        }
        out.println("Starting Mandate from " + settings.home());
        StackEnvFile.write(settings);
        long begin = System.nanoTime();
        try {
            List<List<Component>> waves = new ArrayList<>();
            waves.add(StackComponents.infrastructure(settings, distributions, RunAs.detect()));
            if (!infraOnly) {
                DemoIdentityProvider.createOnce(settings.home()); // the token-issuer reads its public keys at start
                waves.add(StackComponents.services(settings, distributions));
            }
            new LocalStack(waves, out).start();
        } catch (LocalStack.StackStartException e) {
            return 1;
        } catch (RuntimeException e) {
            out.println("cannot start: " + e.getMessage());
            return 1;
        }
        out.printf("Mandate is up in %.1f s.%n", (System.nanoTime() - begin) / 1e9);
        if (!infraOnly) {
            new Summary(settings, out).print();
            new DemoScenario(settings.serviceUrl(StackSettings.COMMAND_SERVICE),
                    settings.serviceUrl(StackSettings.TOKEN_ISSUER),
                    System.getenv().getOrDefault("MANDATE_SECURITY_ADMIN_PASSWORD", "mandate-admin"),
                    settings.home(), DemoCast.standard(), out).seed();
        }
        return 0;
    }

    int down() {
        out.println("Stopping Mandate (" + settings.home() + ")");
        stack().stop();
        List<String> busy = settings.ports().values().stream().filter(port -> Processes.isListening(port.number()))
                .map(port -> port.number() + " (" + port.variable() + ")").toList();
        if (!busy.isEmpty()) {
            out.println("still listening after stop: " + String.join(", ", busy));
            return 1;
        }
        out.println("Stopped; no Mandate process or port left.");
        return 0;
    }

    int status() {
        stack().status();
        return 0;
    }

    /**
     * Prints a user access token from the demo IdP (a company IdP's token, which the local token-issuer
     * trusts as a subject token), alone on its line, for {@code TOKEN=$(./mandate idp-token alice)}.
     */
    int idpToken(String user, PrintStream err) {
        try {
            out.println(DemoIdentityProvider.existing(settings.home()).userToken(user, Clock.systemUTC()));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("usage: ./mandate idp-token <user>   (" + e.getMessage() + ")");
            return 2;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** Every component this home could have started, whether or not its jar is built. */
    private LocalStack stack() {
        return new LocalStack(List.of(StackComponents.infrastructure(settings, distributions, RunAs.detect()),
                StackComponents.services(settings, distributions)), out);
    }

    private void deleteHome() {
        Path home = settings.home();
        if (!Files.exists(home)) {
            return;
        }
        out.println("Wiping " + home);
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + home, e);
        }
    }
}
