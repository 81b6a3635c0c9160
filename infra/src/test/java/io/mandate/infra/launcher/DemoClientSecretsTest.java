package io.mandate.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoClientSecretsTest {

    @TempDir
    Path home;

    @Test
    void saveWhenSecretsKeptThenAnOwnerOnlyShellFileWithOneVariablePerClient() throws Exception {
        DemoClientSecrets secrets = DemoClientSecrets.read(home);
        secrets.put("travel-agent", "s3cr3t-Travel_x");
        secrets.put("calendar-mcp", "s3cr3t-Mcp");

        secrets.save();

        Path file = home.resolve("demo/client-secrets.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).contains("TRAVEL_AGENT_SECRET=s3cr3t-Travel_x", "CALENDAR_MCP_SECRET=s3cr3t-Mcp");
        assertThat(DemoClientSecrets.read(home).secret("travel-agent")).contains("s3cr3t-Travel_x");
    }

    @Test
    void saveWhenASecretIsReplacedThenOnlyTheNewOneIsKept() throws Exception {
        DemoClientSecrets first = DemoClientSecrets.read(home);
        first.put("travel-agent", "old");
        first.save();

        DemoClientSecrets second = DemoClientSecrets.read(home);
        second.put("travel-agent", "new");
        second.save();

        assertThat(Files.readString(home.resolve("demo/client-secrets.env"))).contains("TRAVEL_AGENT_SECRET=new")
                .doesNotContain("old");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("demo/client-secrets.env"))))
                .isEqualTo("rw-------");
    }

    @Test
    void readWhenNoFileThenNoSecrets() {
        assertThat(DemoClientSecrets.read(home).secret("travel-agent")).isEmpty();
    }

    @Test
    void variableWhenClientIdHasDashesOrDotsThenAShellName() {
        assertThat(DemoClientSecrets.variable("calendar-api")).isEqualTo("CALENDAR_API_SECRET");
        assertThat(DemoClientSecrets.variable("agent.v2")).isEqualTo("AGENT_V2_SECRET");
    }

    @Test
    void putWhenTheSecretWouldBreakTheShellFileThenRefused() {
        DemoClientSecrets secrets = DemoClientSecrets.read(home);

        assertThatThrownBy(() -> secrets.put("travel-agent", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.put("travel-agent", "a'b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.put("travel-agent", "$(id)")).isInstanceOf(IllegalArgumentException.class);
    }
}
