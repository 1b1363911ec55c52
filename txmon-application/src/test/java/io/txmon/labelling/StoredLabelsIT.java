package io.txmon.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.alerts.Alerts;
import io.txmon.evaluation.Label;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.formats.rules.RuleFile;
import io.txmon.ingest.Ingestion;
import io.txmon.labelling.StoredLabels.Recorded;
import io.txmon.labelling.StoredLabels.Source;
import io.txmon.labels.LabelTimeline;
import io.txmon.labels.ReportedLabel;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoredLabelsIT {
    private static final Instant RECORDED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Clock AT_RECORDING = Clock.fixed(RECORDED, ZoneOffset.UTC);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void recordsEachLabelOnceHoweverOftenTheSameBatchArrives(DatabaseEngine engine) throws Exception {
        List<ReportedLabel> batch = List.of(
                ReportedLabel.undated(Label.suspicious("t1", "mule")),
                ReportedLabel.undated(Label.ordinary("t2")),
                ReportedLabel.learnedAt(Label.suspicious("t3"), Instant.parse("2026-02-01T00:00:00Z")));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredLabels labels = new StoredLabels(test.database(), AT_RECORDING);

            Recorded first = labels.record(batch, Source.IMPORT, "ops");
            Recorded again = labels.record(batch, Source.IMPORT, "ops");

            assertThat(first).isEqualTo(new Recorded(3, 0));
            assertThat(again).isEqualTo(new Recorded(0, 3));
            assertThat(test.count("SELECT COUNT(*) FROM labels")).isEqualTo(3);
            assertThat(test.string("SELECT recorded_by FROM labels WHERE transaction_id = 't1'"))
                    .isEqualTo("ops");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void keepsALaterLabelOfTheSameTransactionAsANewRowAndTheSameLabelFromAnotherSourceToo(DatabaseEngine engine)
            throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredLabels labels = new StoredLabels(test.database(), AT_RECORDING);
            labels.record(List.of(ReportedLabel.undated(Label.ordinary("t1"))), Source.IMPORT, "ops");

            Recorded later = labels.record(
                    List.of(
                            ReportedLabel.learnedAt(Label.suspicious("t1"), Instant.parse("2026-02-01T00:00:00Z")),
                            ReportedLabel.undated(Label.ordinary("t1"))),
                    Source.API,
                    "chargebacks");

            assertThat(later).isEqualTo(new Recorded(2, 0));
            assertThat(test.count("SELECT COUNT(*) FROM labels WHERE transaction_id = 't1'"))
                    .isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void countsALabelSentTwiceInOneBatchAsAlreadyRecorded(DatabaseEngine engine) throws Exception {
        ReportedLabel chargeback = ReportedLabel.undated(Label.suspicious("t1", "card testing"));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            Recorded recorded = new StoredLabels(test.database(), AT_RECORDING)
                    .record(List.of(chargeback, chargeback), Source.API, "client");

            assertThat(recorded).isEqualTo(new Recorded(1, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void buildsTheTimelineFromStoredLabelsAndClosedReviewsEachAtItsInstant(DatabaseEngine engine) throws Exception {
        List<Transaction> transactions = new RandomTransactions(7).generate(400, 12);
        Instant last = transactions.stream()
                .map(Transaction::timestamp)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Instant reviewed = last.plus(Duration.ofDays(1));
        Instant chargedBack = last.plus(Duration.ofDays(2));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingest(test, transactions);
            List<String> alerted = alertedTransactions(test);
            assertThat(alerted).as("alerts to review").hasSizeGreaterThanOrEqualTo(2);
            String confirmed = alerted.get(0);
            String cleared = alerted.get(1);
            String unalerted = transactions.stream()
                    .map(Transaction::transactionId)
                    .filter(id -> !alerted.contains(id))
                    .findFirst()
                    .orElseThrow();
            close(test, confirmed, Alerts.Label.TRUE_POSITIVE, reviewed);
            close(test, cleared, Alerts.Label.FALSE_POSITIVE, reviewed);
            StoredLabels labels = new StoredLabels(test.database(), AT_RECORDING);
            labels.record(
                    List.of(
                            ReportedLabel.learnedAt(Label.suspicious(cleared, "account takeover"), chargedBack),
                            ReportedLabel.undated(Label.suspicious(unalerted, "mule")),
                            ReportedLabel.undated(Label.suspicious("not-stored-yet"))),
                    Source.IMPORT,
                    "ops");

            LabelTimeline timeline = labels.timeline(Duration.ofDays(3));

            assertThat(timeline.size())
                    .as("the label of a transaction not stored is left out")
                    .isEqualTo(4);
            Instant clearedAt = timeOf(transactions, cleared);
            assertThat(timeline.labelAt(confirmed, timeOf(transactions, confirmed), reviewed))
                    .contains(Label.suspicious(confirmed));
            assertThat(timeline.labelAt(cleared, clearedAt, reviewed)).contains(Label.ordinary(cleared));
            assertThat(timeline.labelAt(cleared, clearedAt, chargedBack))
                    .contains(Label.suspicious(cleared, "account takeover"));
            Instant unalertedAt = timeOf(transactions, unalerted);
            assertThat(timeline.labelAt(unalerted, unalertedAt, unalertedAt.plus(Duration.ofDays(3))))
                    .contains(Label.suspicious(unalerted, "mule"));
            assertThat(timeline.labelAt(unalerted, unalertedAt, unalertedAt.plus(Duration.ofDays(2))))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void refusesABatchWithALabelDatedBeforeItsStoredTransactionAndRecordsNoneOfIt(DatabaseEngine engine)
            throws Exception {
        List<Transaction> transactions = new RandomTransactions(8).generate(20, 3);
        Transaction stored = transactions.get(5);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingest(test, transactions);
            StoredLabels labels = new StoredLabels(test.database(), AT_RECORDING);
            List<ReportedLabel> batch = List.of(
                    ReportedLabel.undated(Label.suspicious("elsewhere")),
                    ReportedLabel.learnedAt(
                            Label.suspicious(stored.transactionId()),
                            stored.timestamp().minusSeconds(1)));

            assertThat(labels.check(batch)).singleElement().satisfies(problem -> {
                assertThat(problem.index()).isEqualTo(1);
                assertThat(problem.field()).isEqualTo("labelled_at");
            });
            assertThatThrownBy(() -> labels.record(batch, Source.API, "client"))
                    .isInstanceOfSatisfying(InvalidLabelException.class, e -> {
                        assertThat(e.index()).isEqualTo(1);
                        assertThat(e.field()).isEqualTo("labelled_at");
                    });
            assertThat(test.count("SELECT COUNT(*) FROM labels")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void recordingTheValidOnesKeepsTheRestOutAndSaysWhichByTheirPlace(DatabaseEngine engine) throws Exception {
        List<Transaction> transactions = new RandomTransactions(8).generate(20, 3);
        Transaction stored = transactions.get(5);
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingest(test, transactions);
            StoredLabels labels = new StoredLabels(test.database(), AT_RECORDING);
            List<ReportedLabel> batch = List.of(
                    ReportedLabel.undated(Label.suspicious("elsewhere")),
                    ReportedLabel.learnedAt(
                            Label.suspicious(stored.transactionId()),
                            stored.timestamp().minusSeconds(1)),
                    ReportedLabel.learnedAt(Label.suspicious(stored.transactionId()), stored.timestamp()));

            StoredLabels.Screened screened = labels.recordValid(batch, Source.IMPORT, "importer");

            assertThat(screened.refused()).singleElement().satisfies(problem -> {
                assertThat(problem.index()).isEqualTo(1);
                assertThat(problem.field()).isEqualTo("labelled_at");
            });
            assertThat(screened.recorded()).isEqualTo(new StoredLabels.Recorded(2, 0));
            assertThat(test.count("SELECT COUNT(*) FROM labels")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void refusesATransactionIdLongerThanTheSchemaKeeps(DatabaseEngine engine) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            StoredLabels labels = new StoredLabels(test.database(), AT_RECORDING);

            assertThat(labels.check(List.of(ReportedLabel.undated(Label.ordinary("x".repeat(65))))))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.field()).isEqualTo("transaction_id"));
        }
    }

    private void ingest(TestDatabase test, List<Transaction> transactions) {
        Path file = folder.resolve("transactions.csv");
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            transactions.forEach(writer::write);
        }
        new Ingestion(
                        test.database(),
                        DecisionSetup.of(RuleFile.defaults(), Optional.empty()),
                        new TransactionParser(Currency.getInstance("USD")),
                        new PrintWriter(new StringWriter(), true))
                .run(file, null);
    }

    private static List<String> alertedTransactions(TestDatabase test) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = test.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT t.transaction_id FROM alerts a"
                        + " JOIN transactions t ON t.sequence_number = a.sequence_number ORDER BY a.alert_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void close(TestDatabase test, String transactionId, Alerts.Label label, Instant at)
            throws Exception {
        long alertId = test.count(
                "SELECT a.alert_id FROM alerts a JOIN transactions t ON t.sequence_number = a.sequence_number"
                        + " WHERE t.transaction_id = '" + transactionId + "'");
        new Alerts(test.database(), Clock.fixed(at, ZoneOffset.UTC))
                .review(alertId, new Alerts.Review(Alerts.Status.CLOSED, null, "checked", label), "analyst-1");
    }

    private static Instant timeOf(List<Transaction> transactions, String transactionId) {
        return transactions.stream()
                .filter(t -> t.transactionId().equals(transactionId))
                .findFirst()
                .orElseThrow()
                .timestamp();
    }
}
