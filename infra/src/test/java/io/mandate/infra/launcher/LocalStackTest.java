package io.mandate.infra.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackTest {

    @TempDir
    Path logs;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void startWhenAComponentFailsThenEverythingStartedIsStoppedAndItsLogTailPrinted() throws IOException {
        FakeComponent database = new FakeComponent("database", logs, null);
        FakeComponent broken = new FakeComponent("broken", logs, "boom: bad config");
        Files.writeString(broken.logFile(), "line 1\nline 2\nFATAL: cannot bind\n");
        LocalStack stack = new LocalStack(List.of(List.of(database), List.of(broken)), out);

        assertThatThrownBy(stack::start)
                .isInstanceOf(LocalStack.StackStartException.class)
                .hasMessageContaining("broken failed to start: boom: bad config");

        assertThat(database.running).isFalse();
        assertThat(database.stops).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("database", "up in", "FATAL: cannot bind", "stopping everything");
    }

    @Test
    void startWhenAllHealthyThenEachIsReportedWithWhereItListensAndItsLog() {
        FakeComponent first = new FakeComponent("first", logs, null);
        FakeComponent second = new FakeComponent("second", logs, null);

        new LocalStack(List.of(List.of(first, second)), out).start();

        assertThat(first.running).isTrue();
        assertThat(second.running).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("first", "second", "listens at first", "log " + first.logFile());
    }

    @Test
    void requireFreeWhenPortTakenThenMessageNamesPortAndSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            StackSettings.Port port = new StackSettings.Port(taken.getLocalPort(), "MANDATE_KAFKA_PORT");

            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka"))
                    .hasMessageContaining("port " + taken.getLocalPort() + " (Kafka) is already in use")
                    .hasMessageContaining("MANDATE_KAFKA_PORT");
        }
    }

    private static final class FakeComponent implements Component {
        private final String name;
        private final Path log;
        private final String failure;
        boolean running;
        int stops;

        FakeComponent(String name, Path logs, String failure) {
            this.name = name;
            this.log = logs.resolve(name + ".log");
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            running = true;
        }

        @Override
        public void stop() {
            stops++;
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public List<String> describe() {
            return List.of("listens at " + name);
        }

        @Override
        public Path logFile() {
            return log;
        }
    }
}
