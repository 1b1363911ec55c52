package io.txmon.formats.datasets;

import io.txmon.evaluation.AccountLabel;
import io.txmon.evaluation.Label;
import io.txmon.formats.ForeignCsvFiles;
import io.txmon.formats.RejectedRecord;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Converts one public data set's files into txmon's transactions, labels and, where the source describes
 * them, accounts and account labels. The files are read in the order given, as one data set (as
 * {@code part1}, {@code part2} files come), streaming: only what a mapping must remember about accounts is
 * held. Rows that cannot be converted are handed on as rejected records naming the source's column, and the
 * rest go on. Transactions keep the source's row order; {@code txmon score} puts them in time order.
 *
 * <p>The sources name no currency, so every amount is in the one given ({@link #DEFAULT_CURRENCY} unless
 * told), kept as the source wrote it except where a mapping says otherwise.
 */
public final class Conversion {
    /**
     * Where step 0 of a source that counts time in steps falls, unless told: an arbitrary midnight, so that
     * an hourly step's hour of day is its step number modulo 24.
     */
    public static final Instant DEFAULT_START = Instant.parse("2018-01-01T00:00:00Z");

    /** The currency of every amount, unless told: txmon's default base currency. */
    public static final Currency DEFAULT_CURRENCY = TransactionParser.DEFAULT_BASE_CURRENCY;

    /**
     * How long before the start the accounts a source describes were opened. PaySim and AMLSim accounts hold
     * money before their first step, so they are not new accounts; left unknown, txmon would age every
     * account from its first transaction, treat it as new, and not trust its balance for the drain
     * features. Their true age is unknown; a year is older than any "new account" notion in txmon's rules
     * and model.
     */
    public static final Duration ACCOUNT_AGE_AT_START = Duration.ofDays(365);

    private final PublicDataSet dataSet;
    private final List<Path> inputs;
    private final Optional<Path> accounts;
    private final Instant start;
    private final Currency currency;

    private Conversion(Builder builder) {
        this.dataSet = builder.dataSet;
        this.inputs = List.copyOf(builder.inputs);
        this.accounts = builder.accounts;
        this.start = builder.start;
        this.currency = builder.currency;
    }

    /** Starts a conversion of a data set's files. */
    public static Builder builder(PublicDataSet dataSet) {
        return new Builder(dataSet);
    }

    /** Whether this conversion describes accounts: PaySim always, AMLSim with its accounts file. */
    public boolean describesAccounts() {
        return dataSet.describesAccountsInRows() || accounts.isPresent();
    }

    /** Whether this conversion labels accounts: AMLSim with its accounts file. */
    public boolean labelsAccounts() {
        return accounts.isPresent();
    }

    /**
     * Reads every input and hands the converted records to {@code out}.
     *
     * @throws io.txmon.formats.DataFileException when a file cannot be read or its header lacks a column
     *     the mapping needs
     */
    public ConversionSummary run(ConvertedData out) {
        Objects.requireNonNull(out, "out");
        Mapping mapping = dataSet.mapping(start, currency);
        Counting counting = new Counting(out);
        for (Path input : inputs) {
            ForeignCsvFiles.read(
                    input,
                    mapping.columns(),
                    row -> mapping.map(row, counting.rows + 1),
                    parsed -> {
                        counting.rows++;
                        counting.transaction(
                                parsed.value().transaction(), parsed.value().label());
                    },
                    rejected -> {
                        counting.rows++;
                        counting.rejected(rejected);
                    });
        }
        mapping.finish(accounts, counting);
        return new ConversionSummary(
                counting.rows,
                counting.transactions,
                counting.suspicious,
                counting.typologies,
                counting.accounts,
                counting.labelledAccounts,
                counting.suspiciousAccounts,
                counting.rejected);
    }

    /** Settings of a conversion; each has a default but the inputs. */
    public static final class Builder {
        private final PublicDataSet dataSet;
        private List<Path> inputs = List.of();
        private Optional<Path> accounts = Optional.empty();
        private Instant start = DEFAULT_START;
        private Currency currency = DEFAULT_CURRENCY;

        private Builder(PublicDataSet dataSet) {
            this.dataSet = Objects.requireNonNull(dataSet, "dataSet");
        }

        /** The data set's transaction files, read in this order as one data set; at least one. */
        public Builder inputs(List<Path> inputs) {
            this.inputs = List.copyOf(inputs);
            return this;
        }

        /**
         * The data set's accounts file, for data sets that {@link PublicDataSet#readsAccountsFile()}.
         *
         * @throws IllegalArgumentException for any other data set
         */
        public Builder accounts(Path accounts) {
            if (!dataSet.readsAccountsFile()) {
                throw new IllegalArgumentException(
                        "accounts: " + dataSet + " has no accounts file, but " + accounts + " was given");
            }
            this.accounts = Optional.of(accounts);
            return this;
        }

        /**
         * Where step 0 falls, for data sets that count time in {@link PublicDataSet#step() steps}.
         *
         * @throws IllegalArgumentException for a data set whose rows carry their own timestamps
         */
        public Builder start(Instant start) {
            if (dataSet.step().isEmpty()) {
                throw new IllegalArgumentException("start: " + dataSet
                        + " rows carry their own timestamps, so a start of " + start + " has no use");
            }
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** The currency of every amount. */
        public Builder currency(Currency currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            return this;
        }

        /** @throws IllegalArgumentException when no input was given */
        public Conversion build() {
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("inputs: at least one file of " + dataSet + " is needed, got none");
            }
            return new Conversion(this);
        }
    }

    /** Passes everything on to the real output, counting as it goes. */
    private static final class Counting implements ConvertedData {
        private final ConvertedData out;
        private final Map<String, Long> typologies = new TreeMap<>();
        private long rows;
        private long transactions;
        private long suspicious;
        private long accounts;
        private long labelledAccounts;
        private long suspiciousAccounts;
        private long rejected;

        Counting(ConvertedData out) {
            this.out = out;
        }

        @Override
        public void transaction(Transaction transaction, Label label) {
            transactions++;
            if (label.suspicious()) {
                suspicious++;
                label.typology().ifPresent(typology -> typologies.merge(typology, 1L, Long::sum));
            }
            out.transaction(transaction, label);
        }

        @Override
        public void account(Account account) {
            accounts++;
            out.account(account);
        }

        @Override
        public void accountLabel(AccountLabel label) {
            labelledAccounts++;
            suspiciousAccounts += label.suspicious() ? 1 : 0;
            out.accountLabel(label);
        }

        @Override
        public void rejected(RejectedRecord record) {
            rejected++;
            out.rejected(record);
        }
    }
}
