package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./mandate demo-token <user> [<agent>]}: the access token a demo user's consent gave a demo agent
 * (by default the user's first demo grant: alice and bob → travel-agent), the subject token of the
 * README's first exchange. The token the seeding received is printed while it has more than a minute
 * left. Tokens live 5 minutes and there are no refresh tokens yet, so after that the user goes through
 * login and consent again, as they would when the agent asks again: the agent gets a new grant and a
 * fresh token, which is kept for the next call.
 */
final class DemoUserToken {

    static final Duration MINIMUM_LEFT = Duration.ofMinutes(1);

    private final Path home;
    private final String issuerUrl;
    private final Clock clock;

    DemoUserToken(Path home, String issuerUrl, Clock clock) {
        this.home = home;
        this.issuerUrl = issuerUrl;
        this.clock = clock;
    }

    /** Prints the token alone on its line to {@code out}; explanations and failures go to {@code err}. */
    int print(String user, String agent, PrintStream out, PrintStream err) {
        DemoCast cast = DemoCast.standard();
        DemoCast.Grant grant = cast.firstGrantOf(user, agent).orElse(null);
        if (grant == null) {
            err.println("usage: ./mandate demo-token <user> [<agent>]   (the demo's grants: "
                    + String.join(", ", cast.grants().stream().map(g -> g.userId() + " " + g.agentId()).toList()) + ")");
            return 2;
        }
        DemoEnvFile tokens = DemoEnvFile.tokens(home);
        String variable = DemoEnvFile.variable(grant.userId(), grant.agentId(), "TOKEN");
        try {
            var saved = tokens.get(variable);
            if (saved.isPresent() && expiry(saved.get()).isAfter(clock.instant().plus(MINIMUM_LEFT))) {
                out.println(saved.get());
                return 0;
            }
            String password = DemoEnvFile.users(home).get(DemoEnvFile.variable(grant.userId(), "PASSWORD"))
                    .orElseThrow(() -> new ConsentFlow.FlowException("no demo user " + grant.userId() + " under " + home
                            + ": start the stack first (./mandate up)"));
            String secret = DemoClientSecrets.read(home).secret(grant.agentId())
                    .orElseThrow(() -> new ConsentFlow.FlowException("no client secret for " + grant.agentId()
                            + " in " + DemoClientSecrets.file(home) + ": run ./mandate up"));
            ConsentFlow.UserToken token = new ConsentFlow(issuerUrl).signIn(grant.userId(), password)
                    .consent(grant, secret);
            tokens.put(variable, token.accessToken());
            tokens.save();
            err.println(grant.userId() + " signed in and consented again (" + (saved.isPresent()
                    ? "the token of the last consent has less than a minute left, and there are no refresh tokens yet"
                    : "no token kept from the seeding") + "); " + grant.agentId() + " holds the new grant "
                    + token.grantId() + ", scope " + token.scope());
            out.println(token.accessToken());
            return 0;
        } catch (ConsentFlow.FlowException e) {
            err.println("no token for " + grant.describe() + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("no token for " + grant.describe() + ": the token-issuer at " + issuerUrl
                    + " did not answer (is the stack up? ./mandate status): " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static Instant expiry(String token) {
        try {
            return Instant.ofEpochSecond(ConsentFlow.claims(token).path("exp").asLong());
        } catch (IOException | IllegalArgumentException e) {
            return Instant.EPOCH; // unreadable: treated as expired, a new consent replaces it
        }
    }
}
