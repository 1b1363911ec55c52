package io.txmon.cli;

import io.txmon.boosting.SupervisedModel;
import io.txmon.formats.DecisionFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.rules.RuleFile;
import io.txmon.labels.LabelTimeline;
import io.txmon.learning.LabelledReplay;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.model.ModelInput;
import io.txmon.rules.AlertBudget;
import io.txmon.rules.RuleSet;
import io.txmon.rules.RuleSetDefinition;
import io.txmon.scoring.Decision;
import io.txmon.scoring.Recommendation;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.Account;
import io.txmon.transaction.Transaction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code txmon score}: decisions for a file of transactions, in event-time order (the README's "Using it"). */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores every transaction of a file, as the real-time API would have scored them one by one in"
                    + " time order, and writes one decision per transaction.",
            "Without --model it first trains the anomaly model on the earliest 25 %% of the input's time span"
                    + " (labels are not read for it).",
            "With --labels it replays production with outcomes arriving late: the supervised model is trained at the"
                    + " end of that window on the outcomes known by then, and again every --retrain-every;"
                    + " --save-supervised-model keeps the latest, --supervised-model scores with a saved one."
        })
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransactionInput in;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Decisions (.csv or .jsonl).")
    Path output;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "A model file to score with, instead of training one.")
    Path model;

    @Option(names = "--save-model", paramLabel = "FILE", description = "Where to save the model trained for this run.")
    Path saveModel;

    @Option(names = "--rules", paramLabel = "FILE", description = "A rule file; default: the shipped default rule set.")
    Path rules;

    @Option(
            names = "--seed-baseline",
            description =
                    "Score as the seed systems do, for comparison: their rules only, and an Isolation Forest on the raw amount and hour of day.")
    boolean seedBaseline;

    @Option(
            names = "--train-share",
            defaultValue = "0.25",
            paramLabel = "SHARE",
            description = "Share of the time span to train on without --model (default: ${DEFAULT-VALUE}).")
    double trainShare;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed for training the model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Outcomes as the bank learned them (transaction_id, label, typology, labelled_at): replay"
                    + " production, learning from each outcome once it is known and training the supervised model.")
    Path labels;

    @Option(
            names = "--label-delay",
            converter = Durations.class,
            defaultValue = "7d",
            paramLabel = "DURATION",
            description = "With --labels: when a label without labelled_at is known after its transaction, and when a"
                    + " transaction no label names counts as ordinary (default: ${DEFAULT-VALUE}).")
    Duration labelDelay;

    @Option(
            names = "--retrain-every",
            converter = Durations.class,
            defaultValue = "7d",
            paramLabel = "DURATION",
            description = "With --labels: event time between trainings of the supervised model (default:"
                    + " ${DEFAULT-VALUE}).")
    Duration retrainEvery;

    @Option(
            names = "--save-supervised-model",
            paramLabel = "FILE",
            description = "With --labels: where to save the latest supervised model the replay trained (nothing is"
                    + " written when none was).")
    Path saveSupervisedModel;

    @Option(
            names = "--supervised-model",
            paramLabel = "FILE",
            description = "A supervised model file (saved with --save-supervised-model) to decide every transaction"
                    + " with, beside the rules and the anomaly model; not with --labels, which trains its own.")
    Path supervisedModel;

    @Option(
            names = "--alert-budget",
            paramLabel = "BUDGET",
            description = "The alert budget the review line follows, instead of the rule set's: a share such as 1%%, a"
                    + " number a day such as 200/day, or off (docs/rules.md, \"The alert budget\").")
    String alertBudget;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        if (supervisedModel != null && labels != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--supervised-model and --labels conflict: with --labels the replay trains its own supervised"
                            + " model; leave out one of them");
        }
        if (saveSupervisedModel != null && labels == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--save-supervised-model needs --labels: only the replay with labels trains a supervised model");
        }
        Optional<SupervisedModel> supervised = Optional.empty();
        if (supervisedModel != null) {
            supervised = Optional.of(ModelFiles.readSupervised(supervisedModel));
            err.printf("scoring with supervised model %s%n", supervised.get());
        }
        TransactionInput.Loaded loaded = in.load(err);
        List<Transaction> transactions = loaded.transactions();
        Map<String, Account> reference = loaded.reference();

        if (seedBaseline && rules != null) {
            throw new IllegalArgumentException("--seed-baseline brings its own rules; leave out --rules");
        }
        RuleSet ruleSet =
                seedBaseline ? RuleFile.seedBaseline() : rules == null ? RuleFile.defaults() : RuleFile.load(rules);
        if (alertBudget != null) {
            ruleSet = withBudget(ruleSet, alertBudget);
        }
        List<ModelInput> modelInputs =
                seedBaseline ? AnomalyModelTrainer.SEED_BASELINE_INPUTS : AnomalyModelTrainer.DEFAULT_INPUTS;
        ScoringRun run = new ScoringRun(ruleSet, reference, err);
        Optional<AnomalyModel> anomalyModel = Optional.empty();
        if (model != null) {
            anomalyModel = Optional.of(ModelFiles.read(model));
            err.printf("scoring with model %s%n", anomalyModel.get());
        } else if (!transactions.isEmpty()) {
            err.println("no --model given:");
            anomalyModel = run.train(transactions, trainShare, modelInputs, seed);
        }
        if (saveModel != null && anomalyModel.isPresent()) {
            ModelFiles.write(saveModel, anomalyModel.get());
            err.printf("saved model %s to %s%n", anomalyModel.get().version(), saveModel);
        }

        Map<Recommendation, Long> byRecommendation = new EnumMap<>(Recommendation.class);
        try (RecordWriter<Decision> decisions = DecisionFiles.newWriter(output)) {
            Consumer<Decision> sink = decision -> {
                byRecommendation.merge(decision.recommendation(), 1L, Long::sum);
                decisions.write(decision);
            };
            if (labels == null) {
                run.score(transactions, anomalyModel, supervised, sink);
            } else {
                LabelTimeline timeline = LabelledInput.timeline(labels, labelDelay, transactions, err);
                List<LabelledReplay.Training> trainings = run.replay(
                        transactions,
                        anomalyModel,
                        timeline,
                        trainShare,
                        retrainEvery,
                        BoostedTreesTrainer.builder(seed).build(),
                        sink);
                if (saveSupervisedModel != null) {
                    saveLatest(trainings, err);
                }
            }
        }
        err.printf(
                "scored %,d transactions with rule set %s (%s) in %.1f s: %s; decisions in %s%n",
                transactions.size(),
                ruleSet.name(),
                ruleSet.version(),
                (System.nanoTime() - started) / 1e9,
                byRecommendation,
                output);
        return 0;
    }

    /** Saves the latest supervised model among {@code trainings}, or says that none was trained and saves nothing. */
    private void saveLatest(List<LabelledReplay.Training> trainings, PrintWriter err) {
        Optional<LabelledReplay.Training> latest = trainings.stream()
                .filter(training -> training.model().isPresent())
                .reduce((earlier, later) -> later);
        if (latest.isEmpty()) {
            err.printf(
                    "no supervised model was trained in this replay (none of its %d trainings made one): nothing"
                            + " saved to %s%n",
                    trainings.size(), saveSupervisedModel);
            return;
        }
        SupervisedModel trained = latest.get().model().get();
        ModelFiles.writeSupervised(saveSupervisedModel, trained);
        err.printf(
                "saved supervised model %s, the latest trained (at %s), to %s%n",
                trained, latest.get().at(), saveSupervisedModel);
    }

    /** {@code rules} with another alert budget, which makes it another rule set version. */
    private RuleSet withBudget(RuleSet rules, String budget) {
        AlertBudget parsed;
        try {
            parsed = AlertBudget.parse(budget);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--alert-budget: " + e.getMessage());
        }
        RuleSetDefinition definition = rules.definition();
        return RuleSet.compile(definition.withDecision(definition.decision().withAlertBudget(parsed)));
    }
}
