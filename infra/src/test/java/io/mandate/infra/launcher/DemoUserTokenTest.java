package io.mandate.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./mandate demo-token}: which saved token it prints, and when it says why it cannot. */
class DemoUserTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printWhenTheSavedTokenHasMoreThanAMinuteLeftThenItIsPrintedAsIs() {
        String token = save("ALICE_TRAVEL_AGENT_TOKEN", NOW.plusSeconds(61));

        int status = print("alice", null);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(token + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void printWhenAnAgentIsNamedThenThatGrantsToken() {
        save("ALICE_TRAVEL_AGENT_TOKEN", NOW.plusSeconds(200));
        String research = save("ALICE_RESEARCH_AGENT_TOKEN", NOW.plusSeconds(200));

        assertThat(print("alice", "research-agent")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(research + System.lineSeparator());
    }

    @Test
    void printWhenTheSavedTokenIsAboutToExpireAndNoUserIsKnownThenNoTokenAndTheReason() {
        save("ALICE_TRAVEL_AGENT_TOKEN", NOW.plusSeconds(59));

        int status = print("alice", null);

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no demo user alice", "./mandate up");
    }

    @Test
    void printWhenTheUserHasNoDemoGrantThenUsageNamingTheDemosGrants() {
        int status = print("carol", null);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage", "alice travel-agent", "bob travel-agent");
    }

    private int print(String user, String agent) {
        return new DemoUserToken(home, "http://127.0.0.1:1", Clock.fixed(NOW, ZoneOffset.UTC))
                .print(user, agent, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A token-shaped value whose payload expires at {@code exp} (the signature is not what is read here). */
    private String save(String variable, Instant exp) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String token = base64url.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64url.encodeToString(("{\"sub\":\"alice\",\"exp\":" + exp.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
        DemoEnvFile tokens = DemoEnvFile.tokens(home);
        tokens.put(variable, token);
        tokens.save();
        return token;
    }
}
