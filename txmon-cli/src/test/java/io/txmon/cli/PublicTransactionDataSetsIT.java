package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code txmon convert} on the real public transaction data sets in the shared data-set folder, checked
 * against what the source files themselves say, read here independently: every row converted or rejected
 * for a stated reason, the labels and typologies kept, the accounts described. The AMLSim run goes on
 * through {@code score} and the account-level {@code evaluate}, as docs/public-data.md runs it.
 */
class PublicTransactionDataSetsIT {
    private static Optional<Path> dataSets;
    private static String missing;

    @TempDir
    Path dir;

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

    @Test
    void convertsEveryHandbookTransactionButTheZeroAmountsWithItsFraudScenarioAsTypology() throws IOException {
        List<Path> parts = sources(
                "ccfd-sim-handbook.part1.csv.gz", "ccfd-sim-handbook.part2.csv.gz", "ccfd-sim-handbook.part3.csv.gz");
        long[] rows = {0};
        long[] zeroAmounts = {0};
        Map<String, Long> scenarios = new TreeMap<>();
        for (Path part : parts) {
            read(part, row -> {
                rows[0]++;
                if (new BigDecimal(row.getField("amount")).signum() == 0) {
                    zeroAmounts[0]++;
                } else if (!row.getField("fraud_scenario").equals("0")) {
                    scenarios.merge(row.getField("fraud_scenario"), 1L, Long::sum);
                }
            });
        }
        Path out = dir.resolve("ccfd");
        List<String> args = new ArrayList<>(List.of("convert", "--from", "ccfd-handbook", "--output", out.toString()));
        parts.forEach(part -> args.addAll(List.of("--input", part.toString())));

        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows[0]).isEqualTo(881_105);
        assertThat(run.err())
                .contains(String.format("converted %,d of %,d ccfd-handbook rows", rows[0] - zeroAmounts[0], rows[0]))
                .contains(String.format("%,d rejected in all", zeroAmounts[0]));
        assertThat(run.errLines())
                .filteredOn(line -> line.startsWith("rejected "))
                .allSatisfy(line -> assertThat(line).endsWith("amount: must be greater than zero, was 0.00"));
        Map<String, Long> typologies = new TreeMap<>();
        read(out.resolve("labels.csv"), label -> {
            if (label.getField("label").equals("1")) {
                typologies.merge(label.getField("typology"), 1L, Long::sum);
            }
        });
        assertThat(typologies)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "AMOUNT_OVER_220", scenarios.get("1"),
                        "COMPROMISED_TERMINAL", scenarios.get("2"),
                        "COMPROMISED_CUSTOMER", scenarios.get("3")));
        assertThat(typologies.values().stream().mapToLong(Long::longValue).sum())
                .as("the README's fraud count")
                .isEqualTo(7_793);
    }

    @Test
    void convertsEveryPaySimRowAndOpensEachCustomerAndTransferReceiverOnce() throws IOException {
        Path source = sources("paysim-sample10k.csv").get(0);
        Set<String> accounts = new HashSet<>();
        long[] frauds = {0};
        read(source, row -> {
            accounts.add(row.getField("nameOrig"));
            if (row.getField("type").equals("TRANSFER")) {
                accounts.add(row.getField("nameDest"));
            }
            frauds[0] += row.getField("label").equals("1") ? 1 : 0;
        });
        Path out = dir.resolve("paysim");

        CommandRun run =
                CommandRun.of("convert", "--from", "paysim", "--input", source.toString(), "--output", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("converted 10,000 of 10,000 paysim rows").contains("0 rejected in all");
        assertThat(frauds[0]).as("the README's fraud count").isEqualTo(500);
        assertThat(run.err()).contains("500 suspicious");
        Set<String> written = new HashSet<>();
        read(out.resolve("accounts.csv"), account -> written.add(account.getField("user_id")));
        assertThat(written).isEqualTo(accounts);
    }

    @Test
    void convertsAmlSimWithItsDerivedTransactionLabelsAndEvaluatesItsAccountsEndToEnd() throws IOException {
        Path tx = sources("amlsim-20k-fanin-cycle-tx.csv.gz").get(0);
        Path accountsFile = sources("amlsim-20k-fanin-cycle-accounts.csv").get(0);
        Path out = dir.resolve("amlsim");

        CommandRun convert = CommandRun.of(
                "convert",
                "--from",
                "amlsim",
                "--input",
                tx.toString(),
                "--accounts",
                accountsFile.toString(),
                "--output",
                out.toString());

        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(convert.err())
                .contains("converted 120,558 of 120,558 amlsim rows")
                .contains("7,885 suspicious")
                .contains("20,000 accounts, 20,000 labelled, 1,804 of them suspicious");
        Set<String> sar = new HashSet<>();
        read(out.resolve("account-labels.csv"), label -> {
            if (label.getField("label").equals("1")) {
                sar.add(label.getField("user_id"));
            }
        });
        Map<String, Boolean> derived = new HashMap<>();
        read(
                out.resolve("transactions.csv"),
                t -> derived.put(
                        t.getField("transaction_id"),
                        sar.contains(t.getField("user_id")) && sar.contains(t.getField("counterparty_id"))));
        long[] disagreements = {0};
        read(out.resolve("labels.csv"), label -> {
            if (derived.get(label.getField("transaction_id"))
                    != label.getField("label").equals("1")) {
                disagreements[0]++;
            }
        });
        assertThat(disagreements[0])
                .as("transaction labels that are not 'both accounts are SAR accounts'")
                .isZero();

        Path decisions = dir.resolve("decisions.csv");
        CommandRun score = CommandRun.of(
                "score",
                "--input",
                out.resolve("transactions.csv").toString(),
                "--accounts",
                out.resolve("accounts.csv").toString(),
                "--output",
                decisions.toString());
        assertThat(score.exitCode()).as(score.err()).isZero();
        CommandRun evaluate = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--transactions",
                out.resolve("transactions.csv").toString(),
                "--account-labels",
                out.resolve("account-labels.csv").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.outLines())
                .first()
                .isEqualTo("accounts            20,000, of which suspicious 1,804 (9.02 %)");
        assertThat(evaluate.out()).contains("20 of them took part in no decided transaction (score 0)");
    }

    private static List<Path> sources(String... names) {
        Assumptions.assumeTrue(dataSets.isPresent(), missing);
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path file = dataSets.get().resolve(name);
            assertThat(file).as("a file of the shared data sets").exists();
            files.add(file);
        }
        return files;
    }

    /** Reads a CSV file, gzip-compressed or not, with FastCSV alone: none of txmon's reading is involved. */
    private static void read(Path file, Consumer<NamedCsvRecord> rows) throws IOException {
        InputStream bytes = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            bytes = new GZIPInputStream(bytes, 1 << 16);
        }
        try (Reader text = new InputStreamReader(bytes, StandardCharsets.UTF_8);
                CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(text)) {
            csv.forEach(rows);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
