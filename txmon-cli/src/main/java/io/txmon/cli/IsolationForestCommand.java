package io.txmon.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.txmon.evaluation.RankMetrics;
import io.txmon.formats.table.NumericTable;
import io.txmon.formats.table.NumericTableReader;
import io.txmon.model.IsolationForest;
import io.txmon.model.IsolationForestTrainer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code txmon iforest}: fits the anomaly model to any numeric CSV table and scores the same rows, the
 * protocol of Liu, Ting and Zhou (2008), and measures the ranking against a label column when there is one.
 */
@Command(
        name = "iforest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fits an Isolation Forest to a numeric CSV table and scores its own rows: the forest is grown without"
                    + " labels on all rows, then every row is scored (the protocol of Liu, Ting and Zhou 2008).",
            "Every column but the label column is a feature. With --label-column, the last line on standard"
                    + " output is one JSON object: {\"rows\", \"features\", \"roc_auc\", \"roc_auc_sd\", \"pr_auc\","
                    + " \"pr_auc_sd\"}, the means over the repeats (seeds SEED, SEED+1, ...) and their population"
                    + " standard deviations (divided by the number of repeats, numpy's default). pr_auc is the"
                    + " average precision, as scikit-learn's average_precision_score.",
            "Progress goes to standard error. Exit code 0 on success, 1 when the input cannot be read, 2 on bad"
                    + " arguments."
        })
final class IsolationForestCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "CSV table with a header row and only numbers (.csv, or .csv.gz gzipped); repeat it for"
                    + " parts of one table with the same header, read in the order given")
    List<Path> inputs;

    @Option(
            names = "--label-column",
            paramLabel = "NAME",
            description = "column of 0/1 labels (1 = anomaly), not used as a feature; without it there is no JSON line")
    Optional<String> labelColumn;

    @Option(
            names = "--trees",
            paramLabel = "N",
            defaultValue = "" + IsolationForestTrainer.DEFAULT_TREES,
            description = "trees in the forest (default: ${DEFAULT-VALUE})")
    int trees;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "" + IsolationForestTrainer.DEFAULT_SAMPLES,
            description = "rows each tree is grown on, or all rows when fewer (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "0",
            description = "seed of the first repeat; repeat i uses seed + i (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--repeats",
            paramLabel = "N",
            defaultValue = "1",
            description = "forests fitted with consecutive seeds, to measure the spread (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "writes the first repeat's scores as CSV: row (1 = the first data row of the first file),"
                    + " score, and label when there is a label column")
    Optional<Path> output;

    @Override
    public Integer call() {
        List<IsolationForestTrainer> trainers = trainers();
        NumericTable table;
        try {
            table = read();
        } catch (IOException e) {
            return fail("cannot read the input: " + describe(e));
        }
        if (table.rowCount() == 0) {
            return fail("the input has a header but no rows");
        }
        Optional<boolean[]> labels = table.labels();
        if (labels.isPresent()) {
            int anomalies = count(labels.get());
            if (anomalies == 0 || anomalies == table.rowCount()) {
                return fail("label column '" + labelColumn.orElseThrow() + "' must hold both 0 and 1 to measure a"
                        + " ranking, but every row is " + (anomalies == 0 ? "0" : "1"));
            }
        }

        double[] rocAuc = new double[repeats];
        double[] prAuc = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            IsolationForest forest = trainers.get(r).fit(table.rows());
            double[] scores = forest.scoreAll(table.rows());
            String progress = String.format(
                    Locale.ROOT,
                    "seed %d: %d trees of %d rows fitted, %,d rows scored in %s; threshold %.4f",
                    forest.seed(),
                    forest.trees(),
                    forest.sampleSize(),
                    scores.length,
                    secondsSince(start),
                    forest.threshold());
            if (labels.isPresent()) {
                rocAuc[r] = RankMetrics.rocAuc(scores, labels.get());
                prAuc[r] = RankMetrics.averagePrecision(scores, labels.get());
                progress += String.format(Locale.ROOT, "; ROC-AUC %.4f, PR-AUC %.4f", rocAuc[r], prAuc[r]);
            }
            progress(progress);
            if (r == 0 && output.isPresent()) {
                try {
                    writeScores(output.get(), scores, labels);
                } catch (IOException e) {
                    return fail("cannot write " + output.get() + ": " + describe(e));
                }
                progress("wrote the scores of seed " + forest.seed() + " to " + output.get());
            }
        }
        if (labels.isPresent()) {
            spec.commandLine().getOut().println(summary(table, rocAuc, prAuc));
        }
        return 0;
    }

    /** One trainer per repeat, built before reading so that bad settings fail before a long read. */
    private List<IsolationForestTrainer> trainers() {
        if (repeats < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--repeats must be at least 1, was " + repeats);
        }
        try {
            return LongStream.range(0, repeats)
                    .mapToObj(r -> IsolationForestTrainer.builder(seed + r)
                            .trees(trees)
                            .samples(samples)
                            .build())
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid setting: " + e.getMessage());
        }
    }

    private NumericTable read() throws IOException {
        long start = System.nanoTime();
        NumericTable table = labelColumn.isPresent()
                ? NumericTableReader.read(inputs, labelColumn.get())
                : NumericTableReader.read(inputs);
        progress(String.format(
                Locale.ROOT,
                "read %,d rows × %d features%s from %d file%s in %s",
                table.rowCount(),
                table.featureCount(),
                table.labels()
                        .map(labels -> String.format(Locale.ROOT, ", %,d labelled 1", count(labels)))
                        .orElse(""),
                inputs.size(),
                inputs.size() == 1 ? "" : "s",
                secondsSince(start)));
        return table;
    }

    private void writeScores(Path file, double[] scores, Optional<boolean[]> labels) throws IOException {
        try (CsvWriter csv = CsvWriter.builder().build(file)) {
            if (labels.isPresent()) {
                csv.writeRecord("row", "score", labelColumn.orElseThrow());
            } else {
                csv.writeRecord("row", "score");
            }
            for (int i = 0; i < scores.length; i++) {
                String row = Integer.toString(i + 1);
                String score = Double.toString(scores[i]);
                if (labels.isPresent()) {
                    csv.writeRecord(row, score, labels.get()[i] ? "1" : "0");
                } else {
                    csv.writeRecord(row, score);
                }
            }
        }
    }

    private static String summary(NumericTable table, double[] rocAuc, double[] prAuc) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", table.rowCount());
        summary.put("features", table.featureCount());
        summary.put("roc_auc", mean(rocAuc));
        summary.put("roc_auc_sd", populationStandardDeviation(rocAuc));
        summary.put("pr_auc", mean(prAuc));
        summary.put("pr_auc_sd", populationStandardDeviation(prAuc));
        return JSON.writeValueAsString(summary);
    }

    private void progress(String line) {
        spec.commandLine().getErr().println(line);
    }

    private int fail(String reason) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + reason);
        return 1;
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage();
    }

    private static int count(boolean[] positives) {
        int count = 0;
        for (boolean positive : positives) {
            count += positive ? 1 : 0;
        }
        return count;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double populationStandardDeviation(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    private static String secondsSince(long startNanos) {
        return String.format(
                Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / (double) TimeUnit.SECONDS.toNanos(1));
    }
}
