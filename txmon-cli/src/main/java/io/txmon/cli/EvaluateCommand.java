package io.txmon.cli;

import io.txmon.cli.JudgedDecisions.Participants;
import io.txmon.evaluation.AccountDetectionReport;
import io.txmon.evaluation.AccountLabel;
import io.txmon.evaluation.AccountScores;
import io.txmon.evaluation.DetectionReport;
import io.txmon.evaluation.Evaluation;
import io.txmon.formats.AccountLabelFiles;
import io.txmon.formats.DecisionFiles;
import io.txmon.formats.RecordedDecision;
import io.txmon.scoring.Recommendation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code txmon evaluate}: how well decisions found the labelled suspicious transactions or accounts. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Compares decisions with labels: ROC-AUC, PR-AUC, precision and recall at an alert budget and for the"
                    + " flagged set (REVIEW or BLOCK), recall per typology and precision per reason code.",
            "Labels: transaction_id, label (1/0 or true/false) and typology; a transactions file with those"
                    + " columns serves as well.",
            "With --account-labels (user_id, label) and --transactions instead, accounts are judged: an account"
                    + " scores the highest risk of the transactions it took part in as user_id or counterparty_id,"
                    + " and is flagged when one of them was."
        })
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--decisions",
            required = true,
            paramLabel = "FILE",
            description = "Decisions, as txmon score writes them.")
    Path decisions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Truth truth;

    @Option(
            names = "--budget",
            defaultValue = "0.01",
            paramLabel = "SHARE",
            description =
                    "Alert budget, as a share of transactions, or of labelled accounts (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    /** Either labels per transaction, or labels per account with the transactions that say who took part. */
    static final class Truth {
        @Option(
                names = "--labels",
                required = true,
                paramLabel = "FILE",
                description = "The truth about the transactions.")
        Path labels;

        @ArgGroup(exclusive = false)
        ByAccount byAccount;
    }

    /** Account-level evaluation's labels; it needs {@code --transactions} too. */
    static final class ByAccount {
        @Option(
                names = "--account-labels",
                required = true,
                paramLabel = "FILE",
                description = "The truth about the accounts: user_id, label (needs --transactions).")
        Path accountLabels;
    }

    @Option(
            names = "--transactions",
            paramLabel = "FILE",
            description = "The transactions that were decided: who took part in each (for --account-labels) and when"
                    + " (for --from).")
    Path transactions;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Judge only the decisions of transactions at or after this instant (ISO-8601, such as"
                    + " 2018-06-24T00:00:00Z), as after a model's first training; needs --transactions.")
    Instant from;

    @Override
    public Integer call() {
        if (transactions == null && (truth.byAccount != null || from != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    (from != null ? "--from" : "--account-labels")
                            + " needs --transactions FILE, the decided transactions");
        }
        if (truth.labels != null) {
            evaluateTransactions(truth.labels);
        } else {
            evaluateAccounts(truth.byAccount);
        }
        return 0;
    }

    private void evaluateTransactions(Path labels) {
        JudgedDecisions judged = JudgedDecisions.read(
                decisions, labels, transactions, from, spec.commandLine().getErr());
        DetectionReport report = Evaluation.of(judged.outcomes(), budget);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportText.of(report));
        out.flush();
        if (json != null) {
            ReportJson.write(json, report);
        }
    }

    private void evaluateAccounts(ByAccount files) {
        PrintWriter err = spec.commandLine().getErr();
        InputFiles inputs = new InputFiles(err, null);
        Map<String, AccountLabel> labels = new LinkedHashMap<>();
        long[] repeatedLabels = {0};
        AccountLabelFiles.read(
                files.accountLabels,
                parsed -> {
                    if (labels.putIfAbsent(parsed.value().userId(), parsed.value()) != null) {
                        repeatedLabels[0]++;
                    }
                },
                inputs::reject);
        Map<String, Participants> participants = JudgedDecisions.participants(transactions, inputs);
        AccountScores scores = new AccountScores();
        long[] unknown = {0};
        DecisionFiles.read(
                decisions,
                parsed -> {
                    RecordedDecision d = parsed.value();
                    Participants who = participants.get(d.transactionId());
                    if (who == null) {
                        unknown[0]++;
                        return;
                    }
                    if (!JudgedDecisions.judged(who, from)) {
                        return;
                    }
                    scores.add(
                            who.userId(),
                            who.counterpartyId(),
                            d.riskScore(),
                            d.recommendation() != Recommendation.APPROVE,
                            d.reasonCodes());
                },
                inputs::reject);
        inputs.close();
        if (repeatedLabels[0] > 0) {
            err.printf("%,d accounts are labelled more than once; their first label is kept%n", repeatedLabels[0]);
        }
        if (unknown[0] > 0) {
            err.printf("%,d decisions are for transactions not in %s and are left out%n", unknown[0], transactions);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no account is labelled in " + files.accountLabels);
        }
        AccountDetectionReport report = scores.evaluate(labels.values(), budget);
        if (report.unlabelled() > 0) {
            err.printf(
                    "%,d accounts took part in decided transactions but have no label; left out%n",
                    report.unlabelled());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportText.of(report));
        out.flush();
        if (json != null) {
            ReportJson.write(json, report);
        }
    }
}
