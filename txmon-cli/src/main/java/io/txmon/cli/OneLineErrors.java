package io.txmon.cli;

import io.txmon.formats.DataFileException;
import io.txmon.formats.rules.RuleFileException;
import io.txmon.ingest.IngestionException;
import io.txmon.storage.DatabaseUnavailableException;
import io.txmon.transaction.InvalidFieldException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Ends a command that failed on its input with one line saying why and exit code 1, not a stack trace:
 * unreadable or malformed files, bad rule files, bad model files. Anything else is a bug and keeps its
 * stack trace.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
    static final int INPUT_ERROR = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) throws Exception {
        if (e instanceof DataFileException
                || e instanceof RuleFileException
                || e instanceof UncheckedIOException
                || e instanceof InvalidFieldException
                || e instanceof IllegalArgumentException
                || e instanceof DatabaseUnavailableException
                || e instanceof IngestionException) {
            command.getErr().println("txmon " + command.getCommandName() + ": " + e.getMessage());
            return INPUT_ERROR;
        }
        throw e;
    }
}
