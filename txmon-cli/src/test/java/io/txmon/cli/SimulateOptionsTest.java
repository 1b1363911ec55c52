package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code simulate}'s two outputs: files with {@code --output}, Kafka with {@code --stream}, and the errors between. */
class SimulateOptionsTest {
    @Test
    void simulateWithNeitherOutputNorStreamIsABadArgumentNamingOutput() {
        CommandRun run = CommandRun.of("simulate", "--customers", "10", "--days", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--output");
    }

    @Test
    void streamWithoutABrokerIsABadArgumentNamingBootstrapServers() {
        CommandRun run = CommandRun.of("simulate", "--stream", "--customers", "10", "--days", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bootstrap-servers");
    }

    @Test
    void aRateWithoutStreamIsRefusedRatherThanIgnored() {
        CommandRun run = CommandRun.of("simulate", "--output", "unused", "--rate", "50");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rate", "--stream");
    }
}
