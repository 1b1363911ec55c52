package io.txmon.formats;

import static io.txmon.formats.SampleTransactions.EUR;
import static io.txmon.formats.SampleTransactions.HEADER;
import static io.txmon.formats.SampleTransactions.JAN_14_AT_3PM;
import static io.txmon.formats.SampleTransactions.PARSER;
import static io.txmon.formats.SampleTransactions.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionCsvReadingTest {

    @TempDir
    Path dir;

    private Reading<Transaction> read(Path file) {
        Reading<Transaction> reading = new Reading<>();
        reading.summary = TransactionFiles.read(file, PARSER, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    @Test
    void readsTheSeedExampleWithDefaultsForEveryOptionalFieldLeftEmpty() {
        Path file = TestFiles.text(
                dir,
                "tx.csv",
                "transaction_id,timestamp,user_id,amount,currency,type,location,merchant_type\n"
                        + "txn_001,2026-01-14T15:00:00Z,user_001,5000,,,Mumbai,electronics\n");

        Reading<Transaction> reading = read(file);

        assertThat(reading.rejected).isEmpty();
        assertThat(reading.values())
                .containsExactly(Transaction.builder("txn_001", JAN_14_AT_3PM, "user_001", new BigDecimal("5000"))
                        .currency(EUR)
                        .type(TransactionType.CARD)
                        .location("Mumbai")
                        .merchantType("electronics")
                        .build());
        assertThat(reading.acceptedLines()).containsExactly(2L);
        assertThat(reading.summary).isEqualTo(new ReadSummary(1, 0));
    }

    @Test
    void tellsAFileInEventTimeOrderWithEqualTimesAndBadRecordsFromOneOutOfOrder() {
        String header = "transaction_id,timestamp,user_id,amount\n";
        Path ordered = TestFiles.text(
                dir,
                "ordered.csv",
                header + "a,2026-01-14T15:00:00Z,u1,1\n" + "b,2026-01-14T15:00:00Z,u1,1\n"
                        + "c,not-a-time,u1,1\n" + "d,2026-01-14T16:00:00+01:00,u1,1\n"
                        + "e,2026-01-14T15:00:01Z,u1,1\n");
        Path late = TestFiles.text(
                dir, "late.csv", header + "a,2026-01-14T15:00:00Z,u1,1\n" + "b,2026-01-14T14:59:59.999Z,u1,1\n");

        assertThat(TransactionFiles.inEventTimeOrder(ordered, PARSER)).isTrue();
        assertThat(TransactionFiles.inEventTimeOrder(late, PARSER)).isFalse();
    }

    @Test
    void refusesToJudgeTheOrderOfAFileItWouldRefuseToRead() {
        Path noAmount = TestFiles.text(dir, "tx.csv", "transaction_id,timestamp,user_id\na,2026-01-14T15:00:00Z,u1\n");

        assertThatThrownBy(() -> TransactionFiles.inEventTimeOrder(noAmount, PARSER))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("amount");
    }

    @Test
    void readsAFileWithAByteOrderMarkAndCrlfLineEnds() {
        Path file = TestFiles.text(
                dir, "tx.csv", "\uFEFF" + (HEADER + row("a", "1") + row("b", "2")).replace("\n", "\r\n"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.rejected).isEmpty();
        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a", "b");
        assertThat(reading.acceptedLines()).containsExactly(2L, 3L);
    }

    @Test
    void readsTheLastRecordWhenTheFileDoesNotEndWithALineBreak() {
        Path file = TestFiles.text(dir, "tx.csv", HEADER + row("a", "1") + "b,2026-01-14T15:00:00Z,user_001,2");

        assertThat(read(file).values()).extracting(Transaction::transactionId).containsExactly("a", "b");
    }

    @Test
    void numbersEachRecordByTheLineItStartsOnAcrossQuotedCommasQuotesAndLineBreaks() {
        Path file = TestFiles.text(
                dir,
                "tx.csv",
                "transaction_id,timestamp,user_id,amount,merchant_type,note\n"
                        + "a,2026-01-14T15:00:00Z,user_001,1,\"books, \"\"rare\"\"\",\"first line\nsecond line\r\nthird\"\n"
                        + "b,2026-01-14T15:00:00Z,user_001,2,,\"x\rnext\"\n"
                        + "c,2026-01-14T15:00:00Z,user_001,-3,,\n");

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::merchantType).containsExactly("books, \"rare\"", null);
        assertThat(reading.acceptedLines()).containsExactly(2L, 5L);
        assertThat(reading.rejectedLines()).containsExactly(7L);
    }

    @Test
    void ignoresUnknownColumnsWhereverTheyStand() {
        Path file = TestFiles.text(
                dir,
                "tx.csv",
                "is_fraud,transaction_id,timestamp,label,user_id,amount,extra\n"
                        + "1,a,2026-01-14T15:00:00Z,1,user_001,10,whatever\n");

        Reading<Transaction> reading = read(file);

        assertThat(reading.rejected).isEmpty();
        assertThat(reading.values()).extracting(Transaction::amount).containsExactly(new BigDecimal("10"));
    }

    @Test
    void matchesHeaderNamesIgnoringCaseAndSurroundingBlanks() {
        Path file = TestFiles.text(dir, "tx.csv", " Transaction_ID ,TIMESTAMP,\"user_id \",Amount\n" + row("a", "7"));

        assertThat(read(file).values()).extracting(Transaction::transactionId).containsExactly("a");
    }

    @Test
    void refusesAFileWhoseHeaderLacksARequiredColumnNamingTheFileAndTheColumn() {
        Path file = TestFiles.text(dir, "tx.csv", "transaction_id,timestamp,user_id,amt\na,2026-01-14T15:00:00Z,u,1\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": line 1: the header lacks the required column amount"
                        + " (it has: transaction_id, timestamp, user_id, amt)")
                .satisfies(e -> assertThat(((DataFileException) e).file()).isEqualTo(file));
    }

    @Test
    void namesEveryMissingColumnAtOnce() {
        Path file = TestFiles.text(dir, "tx.csv", "transaction_id,amount\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("lacks the required columns timestamp, user_id");
    }

    @Test
    void refusesAHeaderThatNamesAKnownColumnTwice() {
        Path file = TestFiles.text(dir, "tx.csv", "transaction_id,timestamp,user_id,amount,Amount\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": line 1: the header names column 'amount' twice (columns 4 and 5)");
    }

    @Test
    void readsAnEmptyOrBlankFileAsNoRecords() {
        Path empty = TestFiles.text(dir, "empty.csv", "");
        Path blank = TestFiles.text(dir, "blank.csv", "\n  \n\r\n");

        assertThat(read(empty).summary).isEqualTo(new ReadSummary(0, 0));
        assertThat(read(blank).summary).isEqualTo(new ReadSummary(0, 0));
    }

    @Test
    void readsAHeaderOnlyFileAsNoRecords() {
        Path file = TestFiles.text(dir, "tx.csv", HEADER);

        assertThat(read(file).summary).isEqualTo(new ReadSummary(0, 0));
    }

    @Test
    void rejectsAnInvalidFieldWithAReasonNamingItAndKeepsItsLineAndRawText() {
        Path file = TestFiles.text(dir, "tx.csv", HEADER + row("a", "1") + row("b", "-5") + row("c", "3"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a", "c");
        assertThat(reading.rejected)
                .containsExactly(new RejectedRecord(
                        file.toString(),
                        3,
                        "b,2026-01-14T15:00:00Z,user_001,-5",
                        "amount: must be greater than zero, was -5"));
        assertThat(reading.summary).isEqualTo(new ReadSummary(2, 1));
    }

    @Test
    void rejectsAmountsWithHugeExponentsWithoutSpellingOutTheirDigits() {
        Path file = TestFiles.text(
                dir, "tx.csv", HEADER + row("a", "-1E+999999999") + row("b", "1E-999999999") + row("c", "3"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("c");
        assertThat(reading.reasons())
                .containsExactly(
                        "amount: must be greater than zero, was -1E+999999999",
                        "amount: has more than 6 decimal places: 1E-999999999");
    }

    @Test
    void rejectsRowsWithTooFewOrTooManyCellsAndKeepsTheOthers() {
        Path file = TestFiles.text(
                dir,
                "tx.csv",
                HEADER + "a,2026-01-14T15:00:00Z,user_001\n" + row("b", "2")
                        + "c,2026-01-14T15:00:00Z,user_001,1,000.00\n");

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("b");
        assertThat(reading.reasons())
                .containsExactly("record: has 3 cells, the header has 4", "record: has 5 cells, the header has 4");
        assertThat(reading.rejectedLines()).containsExactly(2L, 4L);
    }

    @Test
    void rejectsARowHoldingBytesThatAreNotUtf8AndKeepsTheRowsAroundIt() {
        byte[] content = TestFiles.concat(
                HEADER,
                row("a", "1"),
                "b,2026-01-14T15:00:00Z,user_",
                new byte[] {(byte) 0xC3, 0x28},
                ",2\n",
                row("c", "3"));
        Path file = TestFiles.bytes(dir, "tx.csv", content);

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a", "c");
        assertThat(reading.rejected).singleElement().satisfies(rejected -> {
            assertThat(rejected.line()).isEqualTo(3);
            assertThat(rejected.reason()).isEqualTo("record: is not valid UTF-8");
            assertThat(rejected.rawText()).isEqualTo("b,2026-01-14T15:00:00Z,user_\uFFFD(,2");
        });
    }

    @Test
    void keepsAGenuineReplacementCharacterAsText() {
        Path file = TestFiles.text(
                dir,
                "tx.csv",
                "transaction_id,timestamp,user_id,amount,location\n" + "a,2026-01-14T15:00:00Z,u,1,M\uFFFDnchen\n");

        assertThat(read(file).values()).extracting(Transaction::location).containsExactly("M\uFFFDnchen");
    }

    @Test
    void rejectsAnEncodedSurrogateAsInvalidUtf8() {
        byte[] content = TestFiles.concat(
                HEADER, "a,2026-01-14T15:00:00Z,u", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, ",1\n");

        assertThat(read(TestFiles.bytes(dir, "tx.csv", content)).reasons())
                .containsExactly("record: is not valid UTF-8");
    }

    @Test
    void skipsEmptyAndBlankLinesWithoutCountingThemAsRecords() {
        Path file = TestFiles.text(
                dir, "tx.csv", "\n" + HEADER + "\n" + row("a", "1") + "   \n\t\n\r\n" + row("b", "2") + "\n");

        Reading<Transaction> reading = read(file);

        assertThat(reading.acceptedLines()).containsExactly(4L, 8L);
        assertThat(reading.summary).isEqualTo(new ReadSummary(2, 0));
    }

    @Test
    void countsALoneCarriageReturnAsALineBreak() {
        Path file = TestFiles.text(dir, "tx.csv", (HEADER + row("a", "1") + row("b", "-2")).replace('\n', '\r'));

        Reading<Transaction> reading = read(file);

        assertThat(reading.acceptedLines()).containsExactly(2L);
        assertThat(reading.rejectedLines()).containsExactly(3L);
    }

    @Test
    void rejectsARecordLongerThanTheLimitCapsItsRawTextAndReadsTheNextOne() {
        String huge = "b,2026-01-14T15:00:00Z,\"" + "x".repeat(200_000) + "\",2";
        Path file = TestFiles.text(dir, "tx.csv", HEADER + row("a", "1") + huge + "\n" + row("c", "3"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a", "c");
        assertThat(reading.acceptedLines()).containsExactly(2L, 4L);
        assertThat(reading.rejected).singleElement().satisfies(rejected -> {
            assertThat(rejected.line()).isEqualTo(3);
            assertThat(rejected.reason())
                    .isEqualTo("record: is " + huge.length() + " characters long, the limit is 65536");
            assertThat(rejected.rawText())
                    .hasSize(RejectedRecord.MAX_RAW_TEXT_CHARS)
                    .startsWith("b,2026-01-14T15:00:00Z,\"xxx")
                    .endsWith("x" + RejectedRecord.TRUNCATION_MARK);
        });
    }

    @Test
    void acceptsARecordOfExactlyTheLimit() {
        String prefix = "a,2026-01-14T15:00:00Z,user_001,";
        String amount = "0".repeat(RecordFramer.MAX_RECORD_CHARS - prefix.length() - 1) + "1";
        Path file = TestFiles.text(dir, "tx.csv", HEADER + prefix + amount + "\n");

        assertThat(read(file).values()).extracting(Transaction::amount).containsExactly(new BigDecimal("1"));
    }

    @Test
    void rejectsAFieldWithTextAfterItsClosingQuoteAndGoesOn() {
        Path file = TestFiles.text(dir, "tx.csv", HEADER + "a,2026-01-14T15:00:00Z,user_001,\"12\"3\n" + row("b", "2"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("b");
        assertThat(reading.reasons())
                .singleElement()
                .asString()
                .startsWith("record: is malformed CSV: Unexpected character after closing quote: '3'");
    }

    @Test
    void rejectsAnUnclosedQuoteThatRunsToTheEndOfTheFile() {
        Path file = TestFiles.text(
                dir, "tx.csv", HEADER + row("a", "1") + "b,2026-01-14T15:00:00Z,\"user_001,2\n" + row("c", "3"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a");
        assertThat(reading.rejected).singleElement().satisfies(rejected -> {
            assertThat(rejected.line()).isEqualTo(3);
            assertThat(rejected.reason())
                    .isEqualTo("record: has a quoted field that is still open at the end of the file");
            assertThat(rejected.rawText())
                    .isEqualTo("b,2026-01-14T15:00:00Z,\"user_001,2\nc,2026-01-14T15:00:00Z,user_001,3\n");
        });
    }

    @Test
    void readsAGzipCompressedCsvFile() {
        Path file = TestFiles.gzip(dir, "tx.CSV.GZ", HEADER + row("a", "1") + row("b", "2"));

        assertThat(read(file).values()).extracting(Transaction::transactionId).containsExactly("a", "b");
    }

    @Test
    void failsWithOneLineNamingAFileThatDoesNotExist() {
        Path file = dir.resolve("missing.csv");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": cannot open: no such file or directory");
    }

    @Test
    void failsNamingAGzipFileWhoseContentIsNotCompressed() {
        Path file = TestFiles.text(dir, "tx.csv.gz", HEADER);

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": cannot open: Not in GZIP format");
    }

    @Test
    void failsNamingACutOffGzipFileAndTheLineWhereReadingStopped() {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < 5_000; i++) {
            rows.append(row("t" + i, "1"));
        }
        byte[] whole = TestFiles.bytesOf(TestFiles.gzip(dir, "whole.csv.gz", rows.toString()));
        Path file = TestFiles.bytes(dir, "cut.csv.gz", Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ": cannot read past line ")
                .hasMessageEndingWith("Unexpected end of ZLIB input stream");
    }

    @Test
    void failsNamingAFileWhoseNameAsksForNoKnownFormat() {
        Path file = TestFiles.text(dir, "tx.txt", HEADER);

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": unsupported file name: expected a name ending in .csv, .jsonl or .ndjson,"
                        + " optionally followed by .gz");
    }

    @Test
    void failsNamingADirectoryGivenAsTheFile() {
        Path file = dir.resolve("folder.csv");
        file.toFile().mkdir();

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ": cannot ")
                .hasMessageNotContaining("\n");
    }
}
