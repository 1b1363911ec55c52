package io.txmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.formats.RejectedRecord;
import io.txmon.formats.rules.RuleFile;
import io.txmon.storage.Database;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.DatabaseUnavailableException;
import io.txmon.storage.DecisionSetup;
import io.txmon.storage.TestDatabase;
import io.txmon.transaction.TransactionParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3: each kind of bad input gets a clear reason, the good rows of the same file are stored and scored,
 * and a file refused as a whole leaves nothing half-written. Every case runs on both engines.
 */
class BadInputIngestionIT {
    private static final String HEADER = "transaction_id,timestamp,user_id,amount,type";
    private static final String GOOD_BEFORE = "g1,2026-01-14T15:00:00Z,u1,10.50,CARD";
    private static final String GOOD_AFTER = "g2,2026-01-14T15:05:00Z,u2,20,TRANSFER";

    @TempDir
    Path folder;

    private final StringWriter progress = new StringWriter();

    // ---- broken rows -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anUnparseableTimestampRejectsTheRowNamingTimestamp(DatabaseEngine engine) throws Exception {
        rejectsTheMiddleRow(
                engine,
                "b1,14/01/2026 15:02,u1,5,CARD",
                "timestamp: must be an ISO-8601 instant such as 2026-01-14T15:00:00Z, was '14/01/2026 15:02'");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aTimestampInTheYear999999999RejectsTheRowNamingTimestampAndTheRestIsScored(DatabaseEngine engine)
            throws Exception {
        rejectsTheMiddleRow(
                engine,
                "b1,+999999999-12-31T23:59:59Z,u1,5,CARD",
                "timestamp: must be from 1900-01-01T00:00:00Z to the end of the year 9999, was"
                        + " +999999999-12-31T23:59:59Z");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aUserIdWithASpaceRejectsTheRowNamingUserId(DatabaseEngine engine) throws Exception {
        rejectsTheMiddleRow(
                engine,
                "b1,2026-01-14T15:02:00Z,u 1,5,CARD",
                "user_id: may hold only ASCII letters, digits and - _ . : @, and has a space at position 2");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anAmountOfZeroRejectsTheRowNamingAmount(DatabaseEngine engine) throws Exception {
        rejectsTheMiddleRow(engine, "b1,2026-01-14T15:02:00Z,u1,0,CARD", "amount: must be greater than zero, was 0");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aNegativeAmountRejectsTheRowNamingAmount(DatabaseEngine engine) throws Exception {
        rejectsTheMiddleRow(
                engine, "b1,2026-01-14T15:02:00Z,u1,-5.25,CARD", "amount: must be greater than zero, was -5.25");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anAmountThatIsNotANumberRejectsTheRowNamingAmount(DatabaseEngine engine) throws Exception {
        rejectsTheMiddleRow(
                engine, "b1,2026-01-14T15:02:00Z,u1,12 EUR,CARD", "amount: must be a decimal number, was '12 EUR'");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anAmountWithMoreThanSixDecimalsRejectsTheRowNamingAmount(DatabaseEngine engine) throws Exception {
        rejectsTheMiddleRow(
                engine,
                "b1,2026-01-14T15:02:00Z,u1,1.1234567,CARD",
                "amount: has more than 6 decimal places: 1.1234567");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anUnknownTypeRejectsTheRowNamingType(DatabaseEngine engine) throws Exception {
        rejectsTheMiddleRow(
                engine,
                "b1,2026-01-14T15:02:00Z,u1,5,REFUND",
                "type: must be one of CARD, TRANSFER, CASH_IN, CASH_OUT, was 'REFUND'");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aQuoteInsideAnUnquotedFieldIsKeptAsAnOrdinaryCharacter(DatabaseEngine engine) throws Exception {
        Path file = text(
                "stray-quote.csv",
                HEADER + ",location\n" + GOOD_BEFORE + ",\nb1,2026-01-14T15:02:00Z,u1,5,CARD,O\"Hare\n" + GOOD_AFTER
                        + ",\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.rejected()).isZero();
            assertThat(test.string("SELECT location FROM transactions WHERE transaction_id = 'b1'"))
                    .isEqualTo("O\"Hare");
            assertThat(storedAndScored(test)).containsExactly("g1", "b1", "g2");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aQuoteLeftOpenSwallowsTheRestOfTheFileIntoOneRejectedRecord(DatabaseEngine engine) throws Exception {
        String open = "b1,2026-01-14T15:02:00Z,\"u1,5,CARD";
        Path file = text("open-quote.csv", HEADER + "\n" + GOOD_BEFORE + "\n" + open + "\n" + GOOD_AFTER + "\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.read()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(1);
            // RFC 4180: the open quote runs to the end of the file, so the row after it is part of the record
            assertThat(rejected(test))
                    .containsExactly(new Rejected(
                            "open-quote.csv",
                            3,
                            open + "\n" + GOOD_AFTER + "\n",
                            "record: has a quoted field that is still open at the end of the file"));
            assertThat(storedAndScored(test)).containsExactly("g1");
            assertThat(runStatus(test)).isEqualTo("SUCCEEDED");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aJsonLinesLineThatIsNotJsonIsRejectedAndTheOtherLinesKept(DatabaseEngine engine) throws Exception {
        Path file = text(
                "transactions.jsonl",
                "{\"transaction_id\": \"g1\", \"timestamp\": \"2026-01-14T15:00:00Z\", \"user_id\": \"u1\", \"amount\": 10.5}\n"
                        + "transaction_id=b1 amount=5\n"
                        + "{\"transaction_id\": \"g2\", \"timestamp\": \"2026-01-14T15:05:00Z\", \"user_id\": \"u2\","
                        + " \"amount\": 20, \"type\": \"TRANSFER\"}\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.read()).isEqualTo(3);
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(rejected(test))
                    .containsExactly(
                            new Rejected("transactions.jsonl", 2, "transaction_id=b1 amount=5", NOT_JSON_REASON));
            assertThat(storedAndScored(test)).containsExactly("g1", "g2");
        }
    }

    // ---- wrong encodings ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRowWithInvalidUtf8BytesIsRejectedNamingTheEncoding(DatabaseEngine engine) throws Exception {
        Path file = folder.resolve("latin1.csv");
        Files.write(
                file,
                concat(
                        utf8(HEADER + "\n" + GOOD_BEFORE + "\n" + "b1,2026-01-14T15:02:00Z,Jos"),
                        new byte[] {(byte) 0xE9}, // 'é' in ISO-8859-1, not UTF-8
                        utf8(",5,CARD\n" + GOOD_AFTER + "\n")));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.rejected()).isEqualTo(1);
            assertThat(rejected(test))
                    .containsExactly(new Rejected(
                            "latin1.csv", 3, "b1,2026-01-14T15:02:00Z,Jos\uFFFD,5,CARD", "record: is not valid UTF-8"));
            assertThat(storedAndScored(test)).containsExactly("g1", "g2");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aUtf8ByteOrderMarkBeforeTheHeaderIsAccepted(DatabaseEngine engine) throws Exception {
        Path file = folder.resolve("bom.csv");
        Files.write(
                file,
                concat(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8(HEADER + "\n" + GOOD_BEFORE + "\n" + GOOD_AFTER + "\n")));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.read()).isEqualTo(2);
            assertThat(result.rejected()).isZero();
            assertThat(storedAndScored(test)).containsExactly("g1", "g2");
        }
    }

    // ---- missing columns ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aHeaderWithoutAmountRefusesTheFileNamingTheColumnAndStoresNothing(DatabaseEngine engine) throws Exception {
        Path file = text(
                "no-amount.csv",
                "transaction_id,timestamp,user_id,type\n"
                        + "g1,2026-01-14T15:00:00Z,u1,CARD\n"
                        + "g2,2026-01-14T15:05:00Z,u2,CARD\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            String expected = "run 1 failed: " + file.toAbsolutePath()
                    + ": line 1: the header lacks the required column amount"
                    + " (it has: transaction_id, timestamp, user_id, type)";

            assertThatThrownBy(() -> ingestion(test).run(file, null))
                    .isInstanceOf(IngestionException.class)
                    .hasMessage(expected);

            assertThat(runStatus(test)).isEqualTo("FAILED");
            assertThat(test.string("SELECT message FROM ingestion_runs")).isEqualTo(expected);
            assertThat(test.count("SELECT rows_read FROM ingestion_runs")).isZero();
            assertNothingStored(test);
            assertThat(test.count("SELECT COUNT(*) FROM ingested_files")).isZero();
        }
    }

    // ---- files cut short -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aCompressedFileCutOffMidwayRefusesTheFileAndStoresNothingOfItEvenPastTheFirstChunks(DatabaseEngine engine)
            throws Exception {
        StringBuilder csv = new StringBuilder("transaction_id,timestamp,user_id,amount\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append(String.format("c%05d,2026-01-14T15:%02d:%02dZ,u%d,%d.25%n", i, i / 60 % 60, i % 60, i % 40, i));
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gzipped.toByteArray();
        Path file = folder.resolve("cut.csv.gz");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length * 3 / 4));
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            assertThatThrownBy(() -> ingestion(test).chunkSize(100).run(file, null))
                    .isInstanceOf(IngestionException.class)
                    .hasMessageStartingWith("run 1 failed: " + file.toAbsolutePath() + ": cannot read past line");

            assertThat(runStatus(test)).isEqualTo("FAILED");
            assertNothingStored(test);
            assertThat(test.count("SELECT COUNT(*) FROM ingested_files")).isZero();
        }
    }

    // ---- duplicate ids -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anIdRepeatedWithinAFileKeepsTheFirstAndCountsTheRestAsDuplicates(DatabaseEngine engine) throws Exception {
        Path file = text(
                "repeats.csv",
                HEADER + "\n" + GOOD_BEFORE + "\n"
                        + "g1,2026-01-14T15:01:00Z,u9,999,CASH_OUT\n"
                        + GOOD_AFTER + "\n"
                        + "g1,2026-01-14T14:00:00Z,u8,1,CARD\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.read()).isEqualTo(4);
            assertThat(result.inserted()).isEqualTo(2);
            assertThat(result.duplicates()).isEqualTo(2);
            assertThat(result.rejected()).isZero();
            assertThat(rejected(test)).isEmpty();
            assertThat(test.string("SELECT user_id || ' ' || type FROM transactions WHERE transaction_id = 'g1'"))
                    .isEqualTo("u1 CARD");
            assertThat(storedAndScored(test)).containsExactly("g1", "g2");
            assertThat(test.count("SELECT rows_duplicate FROM ingestion_runs")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anIdAlreadyStoredByAnEarlierRunIsADuplicateAndKeepsItsFirstVersion(DatabaseEngine engine) throws Exception {
        Path first = text("first.csv", HEADER + "\n" + GOOD_BEFORE + "\n");
        Path second =
                text("second.csv", HEADER + "\n" + "g1,2026-01-14T15:01:00Z,u9,999,CASH_OUT\n" + GOOD_AFTER + "\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            ingestion(test).run(first, null);
            IngestionResult result = ingestion(test).run(second, null);

            assertThat(result.read()).isEqualTo(2);
            assertThat(result.inserted()).isEqualTo(1);
            assertThat(result.duplicates()).isEqualTo(1);
            assertThat(test.string("SELECT user_id || ' ' || type FROM transactions WHERE transaction_id = 'g1'"))
                    .isEqualTo("u1 CARD");
            assertThat(storedAndScored(test)).containsExactly("g1", "g2");
        }
    }

    // ---- huge fields -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aTenMegabyteFieldRejectsItsRowWithACappedRawTextAndKeepsTheOthers(DatabaseEngine engine) throws Exception {
        int huge = 10 * 1024 * 1024;
        Path file = folder.resolve("huge.csv");
        String start = "b1,2026-01-14T15:02:00Z,u1,5,";
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n" + GOOD_BEFORE + "\n" + start);
            char[] block = "X".repeat(1024).toCharArray();
            for (int i = 0; i < huge / block.length; i++) {
                out.write(block);
            }
            out.write("\n" + GOOD_AFTER + "\n");
        }
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.rejected()).isEqualTo(1);
            String kept = (start + "X".repeat(RejectedRecord.MAX_RAW_TEXT_CHARS))
                            .substring(0, RejectedRecord.MAX_RAW_TEXT_CHARS - RejectedRecord.TRUNCATION_MARK.length())
                    + RejectedRecord.TRUNCATION_MARK;
            assertThat(rejected(test))
                    .containsExactly(new Rejected(
                            "huge.csv",
                            3,
                            kept,
                            "record: is " + (start.length() + huge) + " characters long, the limit is 65536"));
            assertThat(storedAndScored(test)).containsExactly("g1", "g2");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aTransactionIdLongerThanSixtyFourCharactersRejectsTheRowNamingTheField(DatabaseEngine engine)
            throws Exception {
        rejectsTheMiddleRow(
                engine,
                "x".repeat(65) + ",2026-01-14T15:02:00Z,u1,5,CARD",
                "transaction_id: is 65 characters long, the limit is 64");
    }

    // ---- unreachable database ----------------------------------------------------------------------------

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPasswordAndNothingIsWritten() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/txmon?user=txmon&password=s3cret&connectTimeout=2";

        assertThatThrownBy(() -> Database.open(url))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot reach the database at jdbc:postgresql://127.0.0.1:1/txmon?user=txmon"
                        + "&password=***&connectTimeout=2: ")
                .hasMessageNotContaining("s3cret");
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    // ---- empty files -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void anEmptyFileIsARunThatReadsNothingAndSucceeds(DatabaseEngine engine) throws Exception {
        readsNothingAndSucceeds(engine, text("empty.csv", ""));
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aHeaderOnlyFileIsARunThatReadsNothingAndSucceeds(DatabaseEngine engine) throws Exception {
        readsNothingAndSucceeds(engine, text("header-only.csv", HEADER + "\n"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static final String NOT_JSON_REASON = "record: is malformed JSON at column 1: Unrecognized token"
            + " 'transaction_id': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

    /** A good row, {@code bad} on line 3, another good row: only the bad one is rejected, with {@code reason}. */
    private void rejectsTheMiddleRow(DatabaseEngine engine, String bad, String reason) throws Exception {
        Path file = text("transactions.csv", HEADER + "\n" + GOOD_BEFORE + "\n" + bad + "\n" + GOOD_AFTER + "\n");
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result.read()).isEqualTo(3);
            assertThat(result.inserted()).isEqualTo(2);
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(rejected(test)).containsExactly(new Rejected("transactions.csv", 3, bad, reason));
            assertThat(storedAndScored(test)).containsExactly("g1", "g2");
            assertThat(runStatus(test)).isEqualTo("SUCCEEDED");
        }
    }

    private void readsNothingAndSucceeds(DatabaseEngine engine, Path file) throws Exception {
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            IngestionResult result = ingestion(test).run(file, null);

            assertThat(result).isEqualTo(new IngestionResult(result.runId(), 0, 0, 0, 0, 0, 0));
            assertThat(runStatus(test)).isEqualTo("SUCCEEDED");
            assertThat(test.count("SELECT rows_read FROM ingestion_runs")).isZero();
            assertNothingStored(test);
        }
    }

    private Ingestion ingestion(TestDatabase test) {
        return new Ingestion(
                test.database(),
                DecisionSetup.of(RuleFile.defaults(), Optional.empty()),
                new TransactionParser(Currency.getInstance("USD")),
                new PrintWriter(progress, true));
    }

    private Path text(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    record Rejected(String file, long line, String rawText, String reason) {}

    private static List<Rejected> rejected(TestDatabase test) throws SQLException {
        List<Rejected> rows = new ArrayList<>();
        try (Connection connection = test.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT file_name, line_number, raw_text, reason FROM rejected_records ORDER BY rejected_id")) {
            while (rs.next()) {
                rows.add(new Rejected(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
        }
        return rows;
    }

    /** The ids stored with a decision, in scoring order; a transaction without its decision would fail here. */
    private static List<String> storedAndScored(TestDatabase test) throws SQLException {
        assertThat(test.count("SELECT COUNT(*) FROM transactions t LEFT JOIN decisions d"
                        + " ON d.sequence_number = t.sequence_number WHERE d.sequence_number IS NULL"))
                .as("transactions without a decision")
                .isZero();
        List<String> ids = new ArrayList<>();
        try (Connection connection = test.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT t.transaction_id FROM transactions t JOIN decisions d"
                        + " ON d.sequence_number = t.sequence_number ORDER BY t.sequence_number")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void assertNothingStored(TestDatabase test) throws SQLException {
        for (String table : List.of("transactions", "decisions", "alerts", "rejected_records", "account_states")) {
            assertThat(test.count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    private static String runStatus(TestDatabase test) throws SQLException {
        return test.string("SELECT status FROM ingestion_runs ORDER BY run_id DESC");
    }
}
