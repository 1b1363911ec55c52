package io.txmon.formats.datasets;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.Optional;
import java.util.stream.Collectors;

/** A public data set's file layout that txmon converts, with the mapping onto txmon's contract. */
public enum PublicDataSet {
    /**
     * The ULB fraud detection handbook's simulated card transactions ({@code transaction_id, tx_datetime,
     * customer_id, terminal_id, amount, fraud_scenario, label}): card payments of customers at terminals,
     * with the fraud scenario as the typology.
     */
    CCFD_HANDBOOK("ccfd-handbook", Optional.empty(), Accounts.NONE) {
        @Override
        Mapping mapping(Instant start, Currency currency) {
            return new CcfdHandbookMapping(currency);
        }
    },
    /**
     * PaySim's mobile-money log in the Kaggle layout, label column named {@code label} ({@code step, type,
     * amount, nameOrig, oldbalanceOrg, newbalanceOrig, nameDest, oldbalanceDest, newbalanceDest,
     * isFlaggedFraud, label}); a step is an hour.
     */
    PAYSIM("paysim", Optional.of(PaySimMapping.STEP), Accounts.FROM_ROWS) {
        @Override
        Mapping mapping(Instant start, Currency currency) {
            return new PaySimMapping(start, currency);
        }
    },
    /**
     * IBM AMLSim's transfers ({@code step, source_account, target_account, amount, label}), with its accounts
     * file ({@code account, init_balance, label}) as the authoritative, per-account truth; a step is a day.
     */
    AMLSIM("amlsim", Optional.of(AmlSimMapping.STEP), Accounts.FROM_ACCOUNTS_FILE) {
        @Override
        Mapping mapping(Instant start, Currency currency) {
            return new AmlSimMapping(start, currency);
        }
    };

    private final String id;
    private final Optional<Duration> step;
    private final Accounts accounts;

    PublicDataSet(String id, Optional<Duration> step, Accounts accounts) {
        this.id = id;
        this.step = step;
        this.accounts = accounts;
    }

    /** The name the command line uses, such as {@code ccfd-handbook}. */
    public String id() {
        return id;
    }

    /** How long one step of the source's clock is; empty when its rows carry their own timestamps. */
    public Optional<Duration> step() {
        return step;
    }

    /** Whether the data set comes with a separate accounts file that the conversion can read. */
    public boolean readsAccountsFile() {
        return accounts == Accounts.FROM_ACCOUNTS_FILE;
    }

    /** Whether the transaction rows alone describe accounts (their balances). */
    public boolean describesAccountsInRows() {
        return accounts == Accounts.FROM_ROWS;
    }

    /**
     * The data set a command-line name stands for.
     *
     * @throws IllegalArgumentException naming the known data sets when there is none of that name
     */
    public static PublicDataSet byId(String id) {
        return Arrays.stream(values())
                .filter(dataSet -> dataSet.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no public data set is called '" + id + "'; known: "
                        + Arrays.stream(values()).map(PublicDataSet::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }

    abstract Mapping mapping(Instant start, Currency currency);

    /** Where a data set's description of accounts comes from. */
    private enum Accounts {
        NONE,
        FROM_ROWS,
        FROM_ACCOUNTS_FILE
    }
}
