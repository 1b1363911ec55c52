package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command's help is printed as written: picocli warns on stderr when a description does not format. */
class CommandHelpTest {

    /** Every command and subcommand, as the words a user types before {@code --help}. */
    static Stream<String> everyCommand() {
        List<String> commands = new ArrayList<>();
        collect(TxmonCommand.commandLine(), "", commands);
        return commands.stream();
    }

    private static void collect(CommandLine command, String prefix, List<String> commands) {
        command.getSubcommands().forEach((name, sub) -> {
            String words = (prefix + " " + name).strip();
            if (sub.getCommandSpec().name().equals(name)) {
                commands.add(words);
                collect(sub, words, commands);
            }
        });
    }

    @Test
    void helpListsEveryCommandWithoutAWarning() {
        CommandRun run = CommandRun.of("help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("demo", "score", "ingest");
    }

    @ParameterizedTest(name = "txmon {0} --help")
    @MethodSource("everyCommand")
    void everyCommandsHelpFormatsWithoutAWarning(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).doesNotContain("picocli WARN").isEmpty();
        assertThat(run.out()).contains("Usage: txmon " + command);
    }

    @Test
    void demosHelpWritesTheTrainingShareAsAPercentage() {
        CommandRun run = CommandRun.of("help", "demo");

        assertThat(run.out()).contains("earliest 25 % of its time span").doesNotContain("%%");
    }
}
