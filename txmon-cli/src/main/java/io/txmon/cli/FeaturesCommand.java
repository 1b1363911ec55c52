package io.txmon.cli;

import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureTracker;
import io.txmon.features.InMemoryAccountStates;
import io.txmon.features.PeerProfile;
import io.txmon.formats.FeatureFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.rules.RuleSet;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code txmon features}: every transaction's feature vector, exactly as scoring sees it. */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        description = {
            "Writes every transaction's features, in event-time order, exactly as scoring computes them: for"
                    + " analysing behaviour, writing rules, or training other models. Feature names and meanings"
                    + " are in docs/features.md.",
            "The merchant-category peer feature needs a model's peer baseline (--model); without one it is 0."
                    + " So do the population percentiles (..._population_pct); without one they are 1."
        })
final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransactionInput in;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Features (.csv).")
    Path output;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file whose peer baseline to use.")
    Path model;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "A rule file whose feature settings to use; default: the shipped rule set.")
    Path rules;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        TransactionInput.Loaded loaded = in.load(err);
        List<Transaction> transactions = loaded.transactions();
        Map<String, Account> reference = loaded.reference();
        RuleSet ruleSet = rules == null ? RuleFile.defaults() : RuleFile.load(rules);
        Optional<AnomalyModel> peerSource = model == null ? Optional.empty() : Optional.of(ModelFiles.read(model));
        PeerProfile peers = peerSource.map(AnomalyModel::peers).orElse(PeerProfile.EMPTY);
        FeatureTracker tracker = new FeatureTracker(
                new FeatureExtractor(ruleSet.features(), peers),
                new InMemoryAccountStates(id -> reference.getOrDefault(id, Account.unknown(id))));
        try (RecordWriter<FeatureFiles.Row> out = FeatureFiles.newWriter(output)) {
            for (Transaction tx : transactions) {
                double[] features = FeatureTracker.newVector();
                tracker.observe(tx, features);
                // The decision writes these beside anomaly_score; the export shows what the rules would read.
                peers.population().write(features);
                out.write(new FeatureFiles.Row(tx.transactionId(), features));
            }
        }
        err.printf(
                "wrote the features of %,d transactions to %s%s%n",
                transactions.size(),
                output,
                peerSource
                        .map(m -> " (peer baseline of model " + m.version() + ")")
                        .orElse(""));
        return 0;
    }
}
