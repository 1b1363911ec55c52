package io.txmon.cli;

import io.txmon.evaluation.DetectionReport;
import io.txmon.evaluation.Evaluation;
import io.txmon.evaluation.Label;
import io.txmon.evaluation.Outcome;
import io.txmon.formats.DecisionFiles;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.Ingestion;
import io.txmon.ingest.IngestionResult;
import io.txmon.ingest.IngestionStatus;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelTrainer;
import io.txmon.rules.RuleSet;
import io.txmon.scoring.Decision;
import io.txmon.scoring.Recommendation;
import io.txmon.storage.DecisionSetup;
import io.txmon.training.TrainingFromHistory;
import io.txmon.training.boosting.BoostedTreesTrainer;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code txmon demo}: the main job. Simulates a fresh labelled month, takes it through the database as a bank
 * would (ingest the first quarter, train on stored history, ingest the rest), and prints what was stored and how
 * well the stored decisions found the suspicious transactions, next to the seed systems' approach. With {@code
 * --stream} the same world goes through a Kafka broker and the streaming job in this process instead.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates a fresh labelled data set (a new seed each run unless --seed is given) and runs it through an"
                    + " embedded database of its own: ingests the earliest 25 %% of its time span, trains the anomaly"
                    + " model on that stored history, ingests the rest (scored with the stored model) and refreshes"
                    + " the analytics.",
            "Then prints what was stored, the alerts by reason code, and how well the decisions after the training"
                    + " window found the suspicious transactions, next to the seed systems' approach (their rules,"
                    + " and an Isolation Forest on the raw amount and hour) on the same transactions; and the same"
                    + " report before and after labels: the world replayed with the bank learning each suspicious"
                    + " transaction --label-delay after it happened, as score --labels replays it.",
            "With --stream the world goes through Kafka and the streaming job instead: a broker and the job in this"
                    + " process, every transaction produced and decided, the decisions read back from the decisions"
                    + " topic, and the same report on those after the training window.",
            "Files and the database (or the broker's log and the job's checkpoints) go to --dir; running it again"
                    + " deletes and replaces them."
        })
final class DemoCommand implements Callable<Integer> {
    /**
     * The demo's supervised model trains twice in its month and with fewer, larger boosting steps than {@code score
     * --labels} (300 rounds at 0.1, weekly), so that the main job stays about a minute: with the defaults, the four
     * trainings of a 2,000-customer month took 220 s of the demo's 356 s on the shared development machine.
     */
    static final Duration DEMO_RETRAIN_EVERY = Duration.ofDays(14);

    static final int DEMO_MAX_ROUNDS = 100;
    static final double DEMO_LEARNING_RATE = 0.2;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            defaultValue = "data/demo",
            paramLabel = "DIR",
            description = "Where the data set, the database and decisions go (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--budget",
            defaultValue = "" + Evaluation.DEFAULT_BUDGET,
            paramLabel = "SHARE",
            description = "Alert budget for the evaluation (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(
            names = "--model-seed",
            defaultValue = "" + TrainCommand.DEFAULT_SEED,
            paramLabel = "N",
            description = "Seed for training the models (default: ${DEFAULT-VALUE}).")
    long modelSeed;

    @Mixin
    SimulateCommand.World simulation;

    @Option(
            names = "--label-delay",
            converter = Durations.class,
            defaultValue = "3d",
            paramLabel = "DURATION",
            description = "How long after each suspicious transaction the demo's bank learns it was one, for the"
                    + " report with labels (default: ${DEFAULT-VALUE}).")
    Duration labelDelay;

    @Option(
            names = "--stream",
            description = "Run the world through Kafka and the streaming job instead of the database: a broker and"
                    + " the job in this process (docs/streaming.md), the model trained on the earliest 25 %% of the"
                    + " time span as bin/txmon score trains it.")
    boolean stream;

    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        long started = System.nanoTime();
        DemoWorld world = DemoWorld.simulate(simulation, dir, err);
        if (stream) {
            streamDemo(out, world, started);
        } else {
            batchDemo(out, world, started);
        }
        out.flush();
        return 0;
    }

    /** Through the database, as a bank would: ingest the first quarter, train on stored history, ingest the rest. */
    private void batchDemo(PrintWriter out, DemoWorld world, long started) {
        Path earliestFile = write(world.earliest(), "earliest-25pct.csv");
        Path laterFile = write(world.later(), "later.csv");

        DemoDatabase db = DemoDatabase.fresh(dir, err);
        IngestionResult first =
                ingestion(db, world.parser()).run(earliestFile, world.files().accounts());
        TrainingFromHistory.Trained trained =
                TrainCommand.train(db.database(), Optional.empty(), Optional.empty(), modelSeed);
        err.printf("trained and kept model %s%n", trained.model());
        // Resolved again: the model just trained is the newest, so it scores from here on, as for any later door.
        IngestionResult second =
                ingestion(db, world.parser()).run(laterFile, world.files().accounts());
        IngestCommand.refreshAnalytics(db.database(), err);

        DetectionReport txmon = Evaluation.of(db.outcomes(world.laterIds(), world.truth()), budget);
        DetectionReport seeds = seedBaseline(world);
        DetectionReport learned = withLabels(world);

        printWorld(out, world, started);
        printStored(out, db, earliestFile, first, trained.model(), laterFile, second);
        printAlerts(out, db);
        printDetection(out, world, "as stored", txmon, seeds);
        out.printf(
                "%nthe same, before and after labels: the world replayed in memory, the bank learning each suspicious"
                        + " transaction %s after it happened (bin/txmon score --labels)%n%n",
                Durations.text(labelDelay));
        out.print(ReportText.sideBySide("no labels", txmon, "with labels", learned));
        printWhereToLook(out, db, world.files(), world.seed());
    }

    /**
     * Through Kafka and the streaming job: the model trained as {@code bin/txmon score} trains it, every transaction
     * produced, decided by the job and read back, and the decisions after the training window judged.
     */
    private void streamDemo(PrintWriter out, DemoWorld world, long started) throws Exception {
        ScoringRun run = new ScoringRun(RuleFile.defaults(), world.reference(), err);
        Optional<AnomalyModel> model = run.train(
                world.transactions(), ScoringRun.DEFAULT_TRAIN_SHARE, AnomalyModelTrainer.DEFAULT_INPUTS, modelSeed);
        Path modelFile = dir.resolve("model.bin");
        model.ifPresent(trained -> ModelFiles.write(modelFile, trained));
        DemoStream.Result decided = DemoStream.run(world, model, dir, err);
        Path decisionsFile = dir.resolve("decisions-stream.csv");
        decided.write(world.transactions(), decisionsFile);

        DetectionReport txmon = Evaluation.of(decided.outcomes(world.laterIds(), world.truth()), budget);
        DetectionReport seeds = seedBaseline(world);

        printWorld(out, world, started);
        out.printf(
                "stream: %,d transactions produced, %,d decisions published on %,d of them (%s), %,d late, %,d"
                        + " rejected, in %.1f s%n",
                world.transactions().size(),
                decided.messages(),
                decided.decisions().size(),
                decided.decidedEach(world.transactions()) ? "every transaction decided once" : "NOT every one once",
                decided.late(),
                decided.rejected(),
                decided.took().toMillis() / 1e3);
        out.printf(
                "  model   %s%n",
                model.map(trained -> trained.version() + ", trained on the earliest 25 % as bin/txmon score does")
                        .orElse("none (too few transactions to train on): the rules alone"));
        printDetection(out, world, "as the stream decided", txmon, seeds);
        printWhereToLookAfterStream(out, world, model.map(trained -> modelFile), decisionsFile, decided.savepoint());
    }

    /** An ingestion deciding with what decides on the demo's database now, as {@code bin/txmon ingest} would. */
    private Ingestion ingestion(DemoDatabase db, TransactionParser parser) {
        return new Ingestion(
                db.database(), DecisionSetup.resolve(db.database(), "txmon demo", Instant.now()), parser, err);
    }

    private Path write(List<Transaction> transactions, String name) {
        Path file = dir.resolve(name);
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            writer.writeAll(transactions);
        }
        return file;
    }

    /**
     * The seed systems' approach, in memory as {@code score --seed-baseline} runs it: trained on the same earliest
     * 25 %, every transaction scored, and only those after the training window judged, as in the txmon column.
     */
    private DetectionReport seedBaseline(DemoWorld world) {
        List<Transaction> transactions = world.transactions();
        Set<String> evaluated = Set.copyOf(world.laterIds());
        Map<String, Label> truth = world.truth();
        RuleSet rules = RuleFile.seedBaseline();
        err.printf("seed baseline: rule set %s (%s), in memory%n", rules.name(), rules.version());
        ScoringRun run = new ScoringRun(rules, world.reference(), err);
        Optional<AnomalyModel> model = run.train(
                transactions, ScoringRun.DEFAULT_TRAIN_SHARE, AnomalyModelTrainer.SEED_BASELINE_INPUTS, modelSeed);
        List<Outcome> outcomes = new ArrayList<>(evaluated.size());
        try (RecordWriter<Decision> decisions = DecisionFiles.newWriter(dir.resolve("decisions-seed-baseline.csv"))) {
            run.score(transactions, model, keptAndJudged(decisions, evaluated, truth, outcomes));
        }
        return Evaluation.of(outcomes, budget);
    }

    /**
     * The world replayed as {@code score --labels} replays it, the bank learning each suspicious transaction {@code
     * labelDelay} after it happened, as a chargeback feed tells it; only the transactions after the training window
     * judged, as in the other columns.
     */
    private DetectionReport withLabels(DemoWorld world) {
        List<Transaction> transactions = world.transactions();
        Map<String, Label> truth = world.truth();
        LabelTimeline.Builder labels = LabelTimeline.builder(labelDelay);
        for (Transaction tx : transactions) {
            Label label = truth.get(tx.transactionId());
            if (label != null && label.suspicious()) {
                labels.add(ReportedLabel.undated(label), tx.timestamp());
            }
        }
        ScoringRun run = new ScoringRun(RuleFile.defaults(), world.reference(), err);
        Optional<AnomalyModel> model =
                run.train(transactions, ScoringRun.DEFAULT_TRAIN_SHARE, AnomalyModelTrainer.DEFAULT_INPUTS, modelSeed);
        Set<String> evaluated = Set.copyOf(world.laterIds());
        List<Outcome> outcomes = new ArrayList<>(evaluated.size());
        try (RecordWriter<Decision> decisions = DecisionFiles.newWriter(dir.resolve("decisions-with-labels.jsonl"))) {
            run.replay(
                    transactions,
                    model,
                    labels.build(),
                    ScoringRun.DEFAULT_TRAIN_SHARE,
                    DEMO_RETRAIN_EVERY,
                    BoostedTreesTrainer.builder(modelSeed)
                            .maxRounds(DEMO_MAX_ROUNDS)
                            .learningRate(DEMO_LEARNING_RATE)
                            .build(),
                    keptAndJudged(decisions, evaluated, truth, outcomes));
        }
        return Evaluation.of(outcomes, budget);
    }

    /** Writes each decision to {@code decisions}, and judges those of the {@code evaluated} transactions. */
    private static Consumer<Decision> keptAndJudged(
            RecordWriter<Decision> decisions, Set<String> evaluated, Map<String, Label> truth, List<Outcome> outcomes) {
        return decision -> {
            decisions.write(decision);
            if (evaluated.contains(decision.transactionId())) {
                Label label = truth.get(decision.transactionId());
                outcomes.add(new Outcome(
                        decision.riskScore(),
                        decision.recommendation() != Recommendation.APPROVE,
                        decision.reasonCodes(),
                        label.suspicious(),
                        label.typology()));
            }
        };
    }

    private void printWorld(PrintWriter out, DemoWorld world, long started) {
        out.printf(
                "%ntxmon demo: seed %d, %,d transactions over %d days, %.2f %% suspicious (%.0f s)%n%n",
                world.seed(),
                world.transactions().size(),
                simulation.days,
                world.suspiciousPercent(),
                (System.nanoTime() - started) / 1e9);
    }

    private static void printDetection(
            PrintWriter out, DemoWorld world, String decidedHow, DetectionReport txmon, DetectionReport seeds) {
        out.printf(
                "%ndetection on the %,d transactions after the training window (%,d suspicious), %s%n%n",
                world.later().size(), txmon.suspicious(), decidedHow);
        out.print(ReportText.sideBySide("txmon", txmon, "seed baseline", seeds));
    }

    private static void printStored(
            PrintWriter out,
            DemoDatabase db,
            Path earliestFile,
            IngestionResult first,
            AnomalyModel model,
            Path laterFile,
            IngestionResult second) {
        IngestionStatus.Volumes stored = db.volumes();
        out.printf(
                "stored: %,d transactions, %,d accounts, %,d ingestion runs, %,d open alerts, %,d model%n",
                stored.transactions(), stored.accounts(), stored.runs(), stored.alerts(), stored.models());
        out.printf(
                "  run %d  %-24s %,7d transactions, scored with the rules alone (no model yet)%n",
                first.runId(), earliestFile.getFileName(), first.inserted());
        out.printf(
                "  model   %-24s %,7d transactions, %s..%s%n",
                model.version(),
                model.training().transactions(),
                model.training().from(),
                model.training().to());
        out.printf(
                "  run %d  %-24s %,7d transactions, scored with model %s%n",
                second.runId(), laterFile.getFileName(), second.inserted(), model.version());
    }

    private static void printAlerts(PrintWriter out, DemoDatabase db) {
        out.printf("%nopen alerts by reason code (top ten; an alert counts under each of its codes)%n");
        for (DemoDatabase.ReasonCount reason : db.alertsByReason(10)) {
            out.printf("  %-32s %,8d%n", reason.reasonCode(), reason.alerts());
        }
    }

    private void printWhereToLook(PrintWriter out, DemoDatabase db, SimulateCommand.DataSetFiles files, long seed) {
        out.printf("%nWhere to look next:%n");
        out.printf("  database            %s (H2, embedded; its analytics tables are refreshed)%n", db.url());
        out.printf("  ingestion runs      bin/txmon status --db %s%n", db.url());
        out.printf("  model versions      bin/txmon models --db %s%n", db.url());
        out.printf("  data set            %s, %s, %s%n", files.transactions(), files.accounts(), files.labels());
        out.printf(
                "  learning from labels %s (bin/txmon score --labels)%n", dir.resolve("decisions-with-labels.jsonl"));
        out.printf(
                "  as ingested         %s, %s; seed baseline decisions %s%n",
                dir.resolve("earliest-25pct.csv"),
                dir.resolve("later.csv"),
                dir.resolve("decisions-seed-baseline.csv"));
        out.printf("  the same again      bin/txmon demo --seed %d%n", seed);
        out.printf(
                "  your own data       bin/txmon ingest --input FILE --db URL; bin/txmon train --db URL; bin/txmon ingest ...%n");
        out.printf(
                "  how it works        README.md, docs/storage.md, docs/features.md, docs/rules.md, docs/anomaly-model.md%n");
    }

    private void printWhereToLookAfterStream(
            PrintWriter out, DemoWorld world, Optional<Path> modelFile, Path decisionsFile, Path savepoint) {
        SimulateCommand.DataSetFiles files = world.files();
        out.printf("%nWhere to look next:%n");
        out.printf("  decisions           %s (the decisions topic, read_committed)%n", decisionsFile);
        modelFile.ifPresent(file -> out.printf(
                "  the same in batch   bin/txmon score --input %s --accounts %s --model %s --output FILE%n",
                files.transactions(), files.accounts(), file));
        out.printf("  data set            %s, %s, %s%n", files.transactions(), files.accounts(), files.labels());
        out.printf(
                "  broker and job      %s (broker log), %s (savepoint); seed baseline decisions %s%n",
                dir.resolve("kafka"), savepoint, dir.resolve("decisions-seed-baseline.csv"));
        out.printf("  the same again      bin/txmon demo --stream --seed %d%n", world.seed());
        out.printf("  a live stream       docs/streaming.md, \"Trying it out\"%n");
    }
}
