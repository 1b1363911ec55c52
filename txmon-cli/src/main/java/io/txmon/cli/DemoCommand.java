package io.txmon.cli;

import io.txmon.evaluation.DetectionReport;
import io.txmon.evaluation.Evaluation;
import io.txmon.evaluation.Label;
import io.txmon.evaluation.Outcome;
import io.txmon.formats.DecisionFiles;
import io.txmon.formats.LabelFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.rules.RuleFile;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.model.ModelInput;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.Recommendation;
import io.txmon.simulator.SimulatedData;
import io.txmon.simulator.Simulator;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code txmon demo}: the main job. Simulates a fresh labelled month, scores it with txmon and with what the
 * seed systems do, and prints how well each found the suspicious transactions, side by side.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a fresh labelled data set (a new seed each run unless --seed is given), scores it with"
                    + " txmon's default rules and model and with the seed systems' approach (their rules, and an"
                    + " Isolation Forest on the raw amount and hour), and prints both evaluations side by side.",
            "Files go to --dir; running it again replaces them."
        })
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            defaultValue = "data/demo",
            paramLabel = "DIR",
            description = "Where the data set and decisions go (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--budget",
            defaultValue = "" + Evaluation.DEFAULT_BUDGET,
            paramLabel = "SHARE",
            description = "Alert budget for the evaluation (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(
            names = "--model-seed",
            defaultValue = "42",
            paramLabel = "N",
            description = "Seed for training the models (default: ${DEFAULT-VALUE}).")
    long modelSeed;

    @Mixin
    SimulateCommand.World world;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        long seed = world.seed != null ? world.seed : new SecureRandom().nextLong(1, Long.MAX_VALUE);
        SimulatedData data = Simulator.simulate(world.settings(seed));
        SimulateCommand.DataSetFiles files = SimulateCommand.write(data, dir);
        err.printf(
                "simulated seed %d: %,d transactions, %,d suspicious, %,d accounts%n",
                seed,
                data.transactions().size(),
                data.suspiciousCount(),
                data.accounts().size());

        // Read the files back, so the demo takes the same path as a user's own files.
        InputFiles inputs = new InputFiles(err, null);
        Map<String, Account> reference = inputs.accounts(files.accounts());
        List<Transaction> transactions = inputs.transactions(
                        files.transactions(), new TransactionParser(world.currency))
                .records();
        Map<String, Label> truth = new HashMap<>();
        LabelFiles.read(
                files.labels(), parsed -> truth.put(parsed.value().transactionId(), parsed.value()), inputs::reject);
        inputs.close();

        DetectionReport txmon = run(
                "txmon",
                RuleFile.defaults(),
                AnomalyModelTrainer.DEFAULT_INPUTS,
                transactions,
                reference,
                truth,
                dir.resolve("decisions.csv"),
                err);
        DetectionReport seeds = run(
                "seed baseline",
                RuleFile.seedBaseline(),
                AnomalyModelTrainer.SEED_BASELINE_INPUTS,
                transactions,
                reference,
                truth,
                dir.resolve("decisions-seed-baseline.csv"),
                err);

        out.printf(
                "%ntxmon demo: seed %d, %,d transactions over %d days, %.2f %% suspicious (%.0f s)%n%n",
                seed,
                transactions.size(),
                world.days,
                100.0 * data.suspiciousCount() / transactions.size(),
                (System.nanoTime() - started) / 1e9);
        out.print(ReportText.sideBySide("txmon", txmon, "seed baseline", seeds));
        out.printf("%nWhere to look next:%n");
        out.printf("  data set            %s, %s, %s%n", files.transactions(), files.accounts(), files.labels());
        out.printf(
                "  decisions           %s (txmon), %s (seed baseline)%n",
                dir.resolve("decisions.csv"), dir.resolve("decisions-seed-baseline.csv"));
        out.printf("  the same again      bin/txmon demo --seed %d%n", seed);
        out.printf(
                "  your own data       bin/txmon score --input FILE --output decisions.csv; bin/txmon evaluate --decisions decisions.csv --labels LABELS%n");
        out.printf(
                "  how it works        README.md, docs/features.md, docs/rules.md, docs/anomaly-model.md, docs/detection.md%n");
        out.flush();
        return 0;
    }

    private DetectionReport run(
            String name,
            RuleSet rules,
            List<ModelInput> inputs,
            List<Transaction> transactions,
            Map<String, Account> reference,
            Map<String, Label> truth,
            Path decisionsFile,
            PrintWriter err) {
        err.printf("%s: rule set %s (%s)%n", name, rules.name(), rules.version());
        ScoringRun run = new ScoringRun(rules, reference, err);
        Optional<AnomalyModel> model = run.train(transactions, ScoringRun.DEFAULT_TRAIN_SHARE, inputs, modelSeed);
        List<Outcome> outcomes = new ArrayList<>(transactions.size());
        try (RecordWriter<Decision> decisions = DecisionFiles.newWriter(decisionsFile)) {
            run.score(transactions, model, decision -> {
                decisions.write(decision);
                Label label = truth.get(decision.transactionId());
                outcomes.add(new Outcome(
                        decision.riskScore(),
                        decision.recommendation() != Recommendation.APPROVE,
                        decision.reasonCodes(),
                        label.suspicious(),
                        label.typology()));
            });
        }
        return Evaluation.of(outcomes, budget);
    }
}
