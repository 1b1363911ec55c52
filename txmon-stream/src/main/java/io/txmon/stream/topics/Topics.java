package io.txmon.stream.topics;

import java.util.List;
import java.util.Objects;

/**
 * The names of the topics the streaming job reads and writes. The defaults are seed 001's where it names one
 * ({@code transactions}, {@code alerts}) and plain words otherwise.
 *
 * @param transactions what to decide: one transaction per message, keyed by {@code user_id}
 * @param accounts account reference data, compacted, keyed by {@code user_id}
 * @param control new rule sets and models for the running job
 * @param decisions every decision, keyed by {@code transaction_id}
 * @param alerts the REVIEW and BLOCK decisions with their transaction, keyed by {@code user_id}
 * @param late transactions that came too late to be decided in order, with why
 * @param rejected messages that are not transactions, and second copies of a transaction id, with why
 * @param controlErrors control messages refused, with why
 * @param labels what became known of transactions' outcomes: one label per message, keyed by {@code transaction_id}
 *     ({@link LabelMessages})
 * @param setAsideLabels labels the job could not learn in event time, with why
 */
public record Topics(
        String transactions,
        String accounts,
        String control,
        String decisions,
        String alerts,
        String late,
        String rejected,
        String controlErrors,
        String labels,
        String setAsideLabels) {

    /** The names used unless configured otherwise. */
    public static final Topics DEFAULTS = new Topics(
            "transactions",
            "accounts",
            "control",
            "decisions",
            "alerts",
            "late",
            "rejected",
            "control-errors",
            "labels",
            "set-aside-labels");

    public Topics {
        for (String name : List.of(
                transactions,
                accounts,
                control,
                decisions,
                alerts,
                late,
                rejected,
                controlErrors,
                labels,
                setAsideLabels)) {
            Objects.requireNonNull(name, "topic name");
        }
    }

    /**
     * The default names behind prefixes, {@code input.transactions}, {@code input.accounts} and {@code input.labels} and {@code
     * output.<name>} for the others: several jobs on one broker, each reading the same input and writing its own.
     */
    public static Topics prefixed(String input, String output) {
        Topics d = DEFAULTS;
        return new Topics(
                input + "." + d.transactions(),
                input + "." + d.accounts(),
                output + "." + d.control(),
                output + "." + d.decisions(),
                output + "." + d.alerts(),
                output + "." + d.late(),
                output + "." + d.rejected(),
                output + "." + d.controlErrors(),
                input + "." + d.labels(),
                output + "." + d.setAsideLabels());
    }

    /** These names with the labels read from {@code name}. */
    public Topics withLabels(String name) {
        return new Topics(
                transactions,
                accounts,
                control,
                decisions,
                alerts,
                late,
                rejected,
                controlErrors,
                name,
                setAsideLabels);
    }

    /** Every topic, inputs first. */
    public List<String> all() {
        return List.of(
                transactions,
                labels,
                accounts,
                control,
                decisions,
                alerts,
                late,
                rejected,
                controlErrors,
                setAsideLabels);
    }
}
