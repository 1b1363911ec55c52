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
            ModelReportCommand.class,
            FeaturesCommand.class,
            IsolationForestCommand.class,
            IngestCommand.class,
            KafkaCommand.class,
            ProduceCommand.class,
            StreamCommand.class,
            ConsumeCommand.class,
            ControlCommand.class,
            StatusCommand.class,
            TrainCommand.class,
            ModelsCommand.class,
            RulesCommand.class,
            PayCommand.class,
            LabelsCommand.class
        })
public final class TxmonCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Also print the libraries' logs (database migrations, driver warnings) on stderr; they"
                    + " always go to txmon.log in $" + CommandLogging.LOG_DIR_VARIABLE + ", else ./data.")
    boolean verbose;

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
     * naming the problem, exit code 2 and 1; and with its logging, to a file unless {@code --verbose}.
     */
    static CommandLine commandLine() {
        return new CommandLine(new TxmonCommand())
                .setParameterExceptionHandler(TxmonCommand::reportBadArguments)
                .setExecutionExceptionHandler(new OneLineErrors())
                .setExecutionStrategy(parsed -> {
                    CommandLogging.configure(verbose(parsed), System.err);
                    return new CommandLine.RunLast().execute(parsed);
                });
    }

    /** Whether {@code --verbose} was given, to txmon itself or to any of the subcommands that inherit it. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
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
