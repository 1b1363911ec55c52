package io.txmon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/txmon}: the command line's entry point, which only dispatches to its subcommands. */
@Command(
        name = "txmon",
        mixinStandardHelpOptions = true,
        versionProvider = TxmonVersion.class,
        description = "Transaction monitoring for fraud and anti-money-laundering.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            SimulateCommand.class,
            ConvertCommand.class,
            ScoreCommand.class,
            EvaluateCommand.class,
            FeaturesCommand.class,
            IsolationForestCommand.class,
            IngestCommand.class,
            StatusCommand.class,
            TrainCommand.class,
            ModelsCommand.class,
            RulesCommand.class,
            PayCommand.class
        })
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

    /**
     * The command line with txmon's error handling: bad arguments and bad input each end with one line
     * naming the problem, exit code 2 and 1.
     */
    static CommandLine commandLine() {
        return new CommandLine(new TxmonCommand())
                .setParameterExceptionHandler(TxmonCommand::reportBadArguments)
                .setExecutionExceptionHandler(new OneLineErrors());
    }

    /** Bad arguments get one line naming the command and the problem, not the whole usage text. */
    private static int reportBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + e.getMessage() + " (see " + name + " --help)");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
