package io.txmon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the logs of a command line go. A command prints what the user asked for (its result on stdout, its
 * progress on stderr); what the libraries log on the way (Flyway's migrations, its warning about the H2
 * version, the database code's own messages) goes to a log file, {@code txmon.log} in {@code $TXMON_LOG_DIR}
 * or else {@code ./data}, next to the default database. {@code --verbose} also prints them on stderr; errors
 * are printed there always, since a user must see them.
 *
 * <p>{@code java.util.logging} is the only logging backend {@code bin/txmon} carries: Flyway and
 * {@link System.Logger} both log to it when no other backend is on the class path. Its default prints INFO
 * and above on stderr, which is what this replaces. The file is opened at the first record, so commands that
 * log nothing (simulate, score, help) leave no file behind.
 */
final class CommandLogging {
    /** The environment variable naming the folder of the log file. */
    static final String LOG_DIR_VARIABLE = "TXMON_LOG_DIR";

    /** The system property naming the folder of the log file; it wins over the environment (tests set it). */
    static final String LOG_DIR_PROPERTY = "txmon.log.dir";

    /** The folder of the log file when neither names one: where the default H2 database lives. */
    static final Path DEFAULT_LOG_DIR = Path.of("data");

    static final String LOG_FILE_NAME = "txmon.log";

    private CommandLogging() {}

    /** The log file this process writes to. */
    static Path logFile() {
        String dir = System.getProperty(LOG_DIR_PROPERTY, System.getenv(LOG_DIR_VARIABLE));
        return (dir == null || dir.isBlank() ? DEFAULT_LOG_DIR : Path.of(dir)).resolve(LOG_FILE_NAME);
    }

    /**
     * Sends every log record of INFO and above to the log file, and to {@code terminal} as well when verbose
     * (only errors otherwise). Replaces whatever handlers the root logger had, so that each command line run in
     * one process (as tests do) logs as configured for it.
     */
    static void configure(boolean verbose, PrintStream terminal) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
            handler.close();
        }
        root.setLevel(Level.INFO);
        TerminalHandler onTerminal = new TerminalHandler(terminal);
        onTerminal.setLevel(verbose ? Level.INFO : Level.SEVERE);
        root.addHandler(onTerminal);
        root.addHandler(new FileHandler(logFile(), terminal));
    }

    /** One line a record: when, level, logger, message, and the stack trace if there is one. */
    private static final class OneLine extends Formatter {
        private final boolean withTime;

        OneLine(boolean withTime) {
            this.withTime = withTime;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder();
            if (withTime) {
                line.append(record.getInstant()).append(' ');
            }
            line.append(record.getLevel().getName())
                    .append(' ')
                    .append(record.getLoggerName())
                    .append(": ")
                    .append(formatMessage(record))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }

    /** Prints records on a stream it does not own: closing the handler leaves the stream open. */
    private static final class TerminalHandler extends Handler {
        private final PrintStream terminal;

        TerminalHandler(PrintStream terminal) {
            this.terminal = terminal;
            setFormatter(new OneLine(false));
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                terminal.print(getFormatter().format(record));
                terminal.flush();
            }
        }

        @Override
        public void flush() {
            terminal.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /**
     * Appends records to the log file, opened (and its folder made) at the first record. Should the file not
     * open, says so once on the terminal and drops file logging for this run rather than failing the command.
     */
    private static final class FileHandler extends Handler {
        private final Path file;
        private final PrintStream terminal;
        private Writer out;
        private boolean failed;

        FileHandler(Path file, PrintStream terminal) {
            this.file = file;
            this.terminal = terminal;
            setFormatter(new OneLine(true));
            setLevel(Level.INFO);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record) || failed) {
                return;
            }
            try {
                if (out == null) {
                    Path dir = file.toAbsolutePath().getParent();
                    Files.createDirectories(dir);
                    out = Files.newBufferedWriter(
                            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                out.write(getFormatter().format(record));
                out.flush();
            } catch (IOException e) {
                failed = true;
                terminal.println("txmon: cannot write the log file " + file + " (" + e + "); logs are not kept");
            }
        }

        @Override
        public synchronized void flush() {
            if (out != null) {
                try {
                    out.flush();
                } catch (IOException e) {
                    failed = true;
                }
            }
        }

        @Override
        public synchronized void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    failed = true;
                }
                out = null;
            }
        }
    }
}
