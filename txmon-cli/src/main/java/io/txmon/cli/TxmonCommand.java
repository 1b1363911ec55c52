package io.txmon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/txmon}: the command line's entry point, which only dispatches to its subcommands. */
@Command(
        name = "txmon",
        mixinStandardHelpOptions = true,
        versionProvider = TxmonVersion.class,
        description = "Transaction monitoring for fraud and anti-money-laundering.",
        subcommands = {CommandLine.HelpCommand.class, ScoreCommand.class, EvaluateCommand.class})
public final class TxmonCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Runs a command line and returns its exit code, without exiting; tests call this. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with txmon's error handling: bad input ends with one line naming it, exit code 1. */
    static CommandLine commandLine() {
        return new CommandLine(new TxmonCommand()).setExecutionExceptionHandler(new OneLineErrors());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
