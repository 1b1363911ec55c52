package io.txmon.formats;

import static io.txmon.formats.SampleTransactions.EUR;
import static io.txmon.formats.SampleTransactions.PARSER;
import static io.txmon.formats.SampleTransactions.seedExample;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionJsonLinesReadingTest {

    private static final String SEED_EXAMPLE =
            "{\"transaction_id\": \"txn_001\", \"user_id\": \"user_001\", \"amount\": 5000,"
                    + " \"location\": \"Mumbai\", \"timestamp\": \"2026-01-14T15:00:00Z\", \"merchant_type\": \"electronics\","
                    + " \"currency\": \"INR\"}";

    @TempDir
    Path dir;

    private Reading<Transaction> read(Path file) {
        Reading<Transaction> reading = new Reading<>();
        reading.summary = TransactionFiles.read(file, PARSER, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    private static String line(String id, String amountJson) {
        return "{\"transaction_id\":\"" + id + "\",\"timestamp\":\"2026-01-14T15:00:00Z\",\"user_id\":\"u\",\"amount\":"
                + amountJson + "}\n";
    }

    @Test
    void readsTheSeedApiExample() {
        Reading<Transaction> reading = read(TestFiles.text(dir, "tx.jsonl", SEED_EXAMPLE + "\n"));

        assertThat(reading.rejected).isEmpty();
        assertThat(reading.values()).containsExactly(seedExample());
        assertThat(reading.acceptedLines()).containsExactly(1L);
    }

    @Test
    void readsCrlfLineEndsABomAndAGzipCompressedNdjsonFile() {
        Path file =
                TestFiles.gzip(dir, "tx.ndjson.gz", "\uFEFF" + line("a", "1").replace("\n", "\r\n") + line("b", "2"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.rejected).isEmpty();
        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a", "b");
        assertThat(reading.acceptedLines()).containsExactly(1L, 2L);
    }

    @Test
    void keepsTheExactDecimalTextOfAJsonNumberIncludingItsScale() {
        Path file = TestFiles.text(
                dir, "tx.jsonl", line("a", "0.1") + line("b", "12.50") + line("c", "0.000001") + line("d", "\"7.10\""));

        assertThat(read(file).values())
                .extracting(Transaction::amount)
                .containsExactly(
                        new BigDecimal("0.1"),
                        new BigDecimal("12.50"),
                        new BigDecimal("0.000001"),
                        new BigDecimal("7.10"))
                .extracting(BigDecimal::scale)
                .containsExactly(1, 2, 6, 2);
    }

    @Test
    void takesJsonNullAndEmptyStringsAsNotGiven() {
        Path file = TestFiles.text(
                dir,
                "tx.jsonl",
                "{\"transaction_id\":\"a\",\"timestamp\":\"2026-01-14T15:00:00Z\",\"user_id\":\"u\",\"amount\":1,"
                        + "\"currency\":null,\"channel\":null,\"country\":\"\",\"type\":null}\n");

        assertThat(read(file).values()).singleElement().satisfies(transaction -> {
            assertThat(transaction.currency()).isEqualTo(EUR);
            assertThat(transaction.channel()).isNull();
            assertThat(transaction.country()).isNull();
        });
    }

    @Test
    void rejectsARequiredFieldGivenAsNullNamingIt() {
        Path file = TestFiles.text(dir, "tx.jsonl", line("a", "null"));

        assertThat(read(file).reasons()).containsExactly("amount: is required");
    }

    @Test
    void ignoresUnknownFieldsEvenWhenTheyHoldObjectsAndArrays() {
        Path file = TestFiles.text(
                dir,
                "tx.jsonl",
                "{\"meta\":{\"source\":[1,{\"x\":null}]},\"transaction_id\":\"a\",\"timestamp\":\"2026-01-14T15:00:00Z\","
                        + "\"user_id\":\"u\",\"amount\":3,\"is_fraud\":true}\n");

        assertThat(read(file).values()).extracting(Transaction::transactionId).containsExactly("a");
    }

    @Test
    void rejectsMalformedJsonAndReadsTheNextLine() {
        Path file = TestFiles.text(
                dir, "tx.jsonl", line("a", "1") + "{\"transaction_id\":\"b\",\"amount\":}\n" + line("c", "3"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a", "c");
        assertThat(reading.rejected).singleElement().satisfies(rejected -> {
            assertThat(rejected.line()).isEqualTo(2);
            assertThat(rejected.rawText()).isEqualTo("{\"transaction_id\":\"b\",\"amount\":}");
            assertThat(rejected.reason())
                    .startsWith("record: is malformed JSON at column 32: Unexpected character ('}'");
        });
    }

    @Test
    void rejectsALineCutOffInTheMiddleOfAnObject() {
        Path file = TestFiles.text(dir, "tx.jsonl", "{\"transaction_id\":\"a\"");

        assertThat(read(file).reasons()).singleElement().asString().startsWith("record: is malformed JSON at column");
    }

    @Test
    void aMalformedLinesReasonNamesNoneOfJacksonsSettings() {
        String deep = "{\"transaction_id\":\"a\",\"extra\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        Path file = TestFiles.text(dir, "tx.jsonl", deep + "\n{\"transaction_id\":\"b\",\"extra\":[{\n");

        assertThat(read(file).reasons()).hasSize(2).allSatisfy(reason -> assertThat(reason)
                .startsWith("record: is malformed JSON at column")
                .doesNotContain("StreamRead", "Constraints", "`", "Source"));
    }

    @Test
    void rejectsLinesThatAreNotObjectsSayingWhatTheyAre() {
        Path file = TestFiles.text(dir, "tx.jsonl", "[1,2]\n\"text\"\n42\nnull\n");

        assertThat(read(file).reasons())
                .containsExactly(
                        "record: is not a JSON object but an array",
                        "record: is not a JSON object but a string",
                        "record: is not a JSON object but a number",
                        "record: is not a JSON object but null");
    }

    @Test
    void rejectsContentAfterTheObject() {
        Path file = TestFiles.text(dir, "tx.jsonl", line("a", "1").strip() + " " + line("b", "2"));

        assertThat(read(file).reasons()).containsExactly("record: has an object after the JSON object, at column 84");
    }

    @Test
    void rejectsAnObjectGivenForAKnownFieldNamingTheField() {
        Path file = TestFiles.text(dir, "tx.jsonl", line("a", "{\"value\":1}") + line("b", "[1]"));

        assertThat(read(file).reasons())
                .containsExactly(
                        "amount: must be a single value, was an object",
                        "amount: must be a single value, was an array");
    }

    @Test
    void rejectsAFieldNamedTwiceRatherThanGuessWhichOneCounts() {
        Path file = TestFiles.text(dir, "tx.jsonl", line("a", "1").replace("}", ",\"amount\":2}"));

        assertThat(read(file).reasons()).singleElement().asString().contains("Duplicate Object property \"amount\"");
    }

    @Test
    void rejectsALineHoldingBytesThatAreNotUtf8() {
        byte[] content = TestFiles.concat(
                line("a", "1"), "{\"transaction_id\":\"", new byte[] {(byte) 0xFF}, "\"}\n", line("c", "3"));

        Reading<Transaction> reading = read(TestFiles.bytes(dir, "tx.jsonl", content));

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("a", "c");
        assertThat(reading.rejected).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo("record: is not valid UTF-8");
            assertThat(rejected.rawText()).isEqualTo("{\"transaction_id\":\"\uFFFD\"}");
        });
    }

    @Test
    void rejectsAnEscapedUnpairedSurrogateButKeepsAnEscapedPair() {
        Path file = TestFiles.text(
                dir,
                "tx.jsonl",
                line("a", "1").replace("}", ",\"location\":\"u\\ud800x\"}")
                        + line("b", "2").replace("}", ",\"location\":\"\\ud83d\\ude00\"}"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::location).containsExactly("😀");
        assertThat(reading.reasons())
                .containsExactly("location: is not valid Unicode: an unpaired surrogate escape at position 2");
    }

    @Test
    void skipsBlankLinesButKeepsCountingThem() {
        Path file = TestFiles.text(dir, "tx.jsonl", "\n" + line("a", "1") + "  \n\n" + line("b", "-1"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.acceptedLines()).containsExactly(2L);
        assertThat(reading.rejectedLines()).containsExactly(5L);
        assertThat(reading.reasons()).containsExactly("amount: must be greater than zero, was -1");
    }

    @Test
    void rejectsALineLongerThanTheLimitAndReadsTheNextOne() {
        String huge = "{\"transaction_id\":\"" + "x".repeat(100_000) + "\"}";
        Path file = TestFiles.text(dir, "tx.jsonl", huge + "\r\n" + line("b", "2"));

        Reading<Transaction> reading = read(file);

        assertThat(reading.values()).extracting(Transaction::transactionId).containsExactly("b");
        assertThat(reading.reasons())
                .containsExactly("record: is " + huge.length() + " characters long, the limit is 65536");
    }

    @Test
    void readsAnEmptyFileAsNoRecords() {
        assertThat(read(TestFiles.text(dir, "tx.jsonl", "")).summary).isEqualTo(new ReadSummary(0, 0));
    }
}
