package io.txmon.formats;

import static io.txmon.formats.SampleTransactions.JAN_14_AT_3PM;
import static io.txmon.formats.SampleTransactions.PARSER;
import static io.txmon.formats.SampleTransactions.all;
import static io.txmon.formats.SampleTransactions.fullTransfer;
import static io.txmon.formats.SampleTransactions.seedExample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionFilesRoundTripTest {

    @TempDir
    Path dir;

    private Path write(String name, List<Transaction> transactions) {
        Path file = dir.resolve(name);
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(file)) {
            writer.writeAll(transactions);
        }
        return file;
    }

    private static Reading<Transaction> read(Path file) {
        Reading<Transaction> reading = new Reading<>();
        reading.summary = TransactionFiles.read(file, PARSER, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tx.csv", "tx.csv.gz", "tx.jsonl", "tx.ndjson.gz"})
    void readsBackEveryTransactionItWroteWithAmountsExactToTheirScale(String name) {
        Reading<Transaction> reading = read(write(name, all()));

        assertThat(reading.rejected).isEmpty();
        assertThat(reading.values()).isEqualTo(all());
    }

    @Test
    void writesCsvInTheContractsColumnOrderWithInstantTimestampsAndPlainAmounts() {
        Path file = write("tx.csv", List.of(seedExample(), fullTransfer()));

        assertThat(TestFiles.read(file))
                .isEqualTo("transaction_id,timestamp,user_id,amount,currency,type,counterparty_id,merchant_id,"
                        + "merchant_type,location,country,channel,device_id\n"
                        + "txn_001,2026-01-14T15:00:00Z,user_001,5000,INR,CARD,,,electronics,Mumbai,,,\n"
                        + "txn_002,2026-01-14T15:00:00.123456789Z,user_002,12.50,EUR,TRANSFER,user_003,m_77,"
                        + "\"books, \"\"rare\"\"\",Zürich,CH,ONLINE,dev-9\n");
    }

    @Test
    void writesJsonLinesInTheSameOrderLeavingOutAbsentFields() {
        Path file = write("tx.jsonl", List.of(seedExample(), fullTransfer()));

        assertThat(TestFiles.read(file))
                .isEqualTo(
                        "{\"transaction_id\":\"txn_001\",\"timestamp\":\"2026-01-14T15:00:00Z\",\"user_id\":\"user_001\","
                                + "\"amount\":5000,\"currency\":\"INR\",\"type\":\"CARD\",\"merchant_type\":\"electronics\","
                                + "\"location\":\"Mumbai\"}\n"
                                + "{\"transaction_id\":\"txn_002\",\"timestamp\":\"2026-01-14T15:00:00.123456789Z\","
                                + "\"user_id\":\"user_002\",\"amount\":12.50,\"currency\":\"EUR\",\"type\":\"TRANSFER\","
                                + "\"counterparty_id\":\"user_003\",\"merchant_id\":\"m_77\",\"merchant_type\":\"books, \\\"rare\\\"\","
                                + "\"location\":\"Zürich\",\"country\":\"CH\",\"channel\":\"ONLINE\",\"device_id\":\"dev-9\"}\n");
    }

    @Test
    void writesAmountsInPlainNotationEvenWhenTheirScaleIsNegative() {
        Transaction scaled = Transaction.builder("big", JAN_14_AT_3PM, "u", new BigDecimal("1E+2"))
                .build();
        Path csv = write("tx.csv", List.of(scaled));
        Path json = write("tx.jsonl", List.of(scaled));

        assertThat(TestFiles.read(csv)).contains(",100,");
        assertThat(TestFiles.read(json)).contains("\"amount\":100,");
    }

    @Test
    void compressesWhenTheNameEndsInGz() {
        Path file = write("tx.csv.gz", List.of(seedExample()));

        assertThat(TestFiles.readGzip(file))
                .startsWith("transaction_id,timestamp,")
                .contains("txn_001");
    }

    @Test
    void failsNamingTheFileWhenItsDirectoryDoesNotExist() {
        Path file = dir.resolve("no-such-dir").resolve("tx.csv");

        assertThatThrownBy(() -> TransactionFiles.newWriter(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": cannot create: no such file or directory");
    }
}
