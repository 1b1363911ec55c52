package io.txmon.cli;

import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of a command that reads a transactions file and its accounts' reference data. */
final class TransactionInput {
    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "Transactions (.csv, .jsonl, optionally .gz).")
    Path input;

    @Option(names = "--accounts", paramLabel = "FILE", description = "Reference data about the accounts.")
    Path accounts;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where to keep every rejected input record (CSV).")
    Path rejects;

    @Option(
            names = "--base-currency",
            defaultValue = TransactionParser.DEFAULT_BASE_CURRENCY_CODE,
            paramLabel = "CODE",
            description = "Currency of amounts whose record names none (default: ${DEFAULT-VALUE}).")
    Currency baseCurrency;

    /** Reads both files, reporting rejected records on {@code err}: transactions in event-time order. */
    Loaded load(PrintWriter err) {
        InputFiles files = new InputFiles(err, rejects);
        Map<String, Account> reference = accounts == null ? Map.of() : files.accounts(accounts);
        TransactionParser parser = new TransactionParser(baseCurrency);
        InputFiles.Loaded<Transaction> transactions = files.transactions(input, parser);
        files.close();
        err.printf(
                "read %,d transactions (%,d rejected, %,d amounts rounded) and %,d accounts%n",
                transactions.records().size(), transactions.rejected(), parser.roundedAmounts(), reference.size());
        return new Loaded(transactions.records(), reference);
    }

    /**
     * What the files held.
     *
     * @param transactions the good transactions, in event-time order, ties in file order
     * @param reference the accounts' reference data by id
     */
    record Loaded(List<Transaction> transactions, Map<String, Account> reference) {}
}
