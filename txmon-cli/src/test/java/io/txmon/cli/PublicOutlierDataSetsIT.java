package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our forest against scikit-learn's on every public ODDS / ADBench outlier-detection set in the shared
 * data-set folder: {@code txmon iforest} with 100 trees of 256 rows and seeds 0 to 9, exactly as a user
 * would run it, must reach scikit-learn's mean ROC-AUC within 0.02, or within three standard errors of the
 * difference of two means of ten where the seeds spread more than that.
 */
@Tag("statistical")
class PublicOutlierDataSetsIT {
    private static final int SEEDS = 10;
    private static final double TOLERANCE = 0.02;

    private static Optional<Path> dataSets;
    private static String missing;

    @BeforeAll
    static void findTheDataSets() {
        dataSets = Optional.ofNullable(System.getProperty("txmon.datasets"))
                .or(() -> Optional.ofNullable(System.getenv("TXMON_DATASETS")))
                .map(Path::of)
                .filter(Files::isDirectory);
        missing = "SKIPPED: the public data sets are not here; set the system property txmon.datasets or"
                + " TXMON_DATASETS to their folder (txmon.datasets=" + System.getProperty("txmon.datasets")
                + ", TXMON_DATASETS=" + System.getenv("TXMON_DATASETS") + ")";
        if (dataSets.isEmpty()) {
            System.err.println(missing);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void reachesScikitLearnsRocAuc(String name, List<String> files, double referenceAuc, double referenceSd) {
        Assumptions.assumeTrue(dataSets.isPresent(), missing);
        List<String> args = new ArrayList<>(List.of("iforest"));
        for (String file : files) {
            Path path = dataSets.get().resolve(file);
            assertThat(path).as("a file of data set %s", name).exists();
            args.addAll(List.of("--input", path.toString()));
        }
        args.addAll(List.of(
                "--label-column", "label", "--trees", "100", "--samples", "256", "--seed", "0", "--repeats", "10"));

        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        double auc = json.get("roc_auc").asDouble();
        double sd = json.get("roc_auc_sd").asDouble();
        double tolerance = Math.max(TOLERANCE, 3 * Math.sqrt(referenceSd * referenceSd / SEEDS + sd * sd / SEEDS));
        System.err.printf(
                Locale.ROOT,
                "%-12s rows %7d  ROC-AUC %.4f ± %.4f  PR-AUC %.4f ± %.4f  scikit-learn %.4f ± %.4f  difference %+.4f,"
                        + " tolerance %.4f%n",
                name,
                json.get("rows").asInt(),
                auc,
                sd,
                json.get("pr_auc").asDouble(),
                json.get("pr_auc_sd").asDouble(),
                referenceAuc,
                referenceSd,
                auc - referenceAuc,
                tolerance);
        assertThat(auc)
                .as("mean ROC-AUC on %s against scikit-learn's %.4f", name, referenceAuc)
                .isBetween(referenceAuc - tolerance, referenceAuc + tolerance);
    }

    static Stream<Arguments> references() throws IOException {
        List<Arguments> references = new ArrayList<>();
        try (InputStream in = PublicOutlierDataSetsIT.class.getResourceAsStream("sklearn-iforest-reference.csv");
                CsvReader<NamedCsvRecord> csv = CsvReader.builder()
                        .commentStrategy(CommentStrategy.SKIP)
                        .ofNamedCsvRecord(in, StandardCharsets.UTF_8)) {
            for (NamedCsvRecord record : csv) {
                references.add(Arguments.of(
                        record.getField("data_set"),
                        List.of(record.getField("files").split(" ")),
                        Double.parseDouble(record.getField("sklearn_roc_auc")),
                        Double.parseDouble(record.getField("sklearn_roc_auc_sd"))));
            }
        }
        return references.stream();
    }
}
