package io.txmon.formats;

import static io.txmon.formats.SampleTransactions.HEADER;
import static io.txmon.formats.SampleTransactions.PARSER;
import static io.txmon.formats.SampleTransactions.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectedRecordFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryRejectOfAReadWithItsSourceLineReasonAndRawTextQuotedWhereNeeded() {
        Path input = TestFiles.text(
                dir,
                "tx.csv",
                "transaction_id,timestamp,user_id,amount,note\n"
                        + "a,2026-01-14T15:00:00Z,user_001,-5,\"multi\nline, \"\"quoted\"\"\"\n"
                        + "b,2026-01-14T15:00:00Z,user_001,2,\n");
        Path rejects = dir.resolve("rejects.csv");

        try (RecordWriter<RejectedRecord> writer = RejectedRecordFiles.newWriter(rejects)) {
            TransactionFiles.read(input, PARSER, transaction -> {}, writer::write);
        }

        assertThat(TestFiles.read(rejects))
                .isEqualTo("source,line,reason,raw\n"
                        + input + ",2,\"amount: must be greater than zero, was -5\","
                        + "\"a,2026-01-14T15:00:00Z,user_001,-5,\"\"multi\nline, \"\"\"\"quoted\"\"\"\"\"\"\"\n");
        List<CsvRecord> rows = CsvReader.builder().ofCsvRecord(TestFiles.read(rejects)).stream()
                .toList();
        assertThat(rows.get(1).getField(3))
                .isEqualTo("a,2026-01-14T15:00:00Z,user_001,-5,\"multi\nline, \"\"quoted\"\"\"");
    }

    @Test
    void writesACompressedDeadLetterFile() {
        Path rejects = dir.resolve("rejects.csv.gz");
        try (RecordWriter<RejectedRecord> writer = RejectedRecordFiles.newWriter(rejects)) {
            TransactionFiles.read(
                    TestFiles.text(dir, "tx.csv", HEADER + row("a", "0")), PARSER, transaction -> {}, writer::write);
        }

        assertThat(TestFiles.readGzip(rejects))
                .endsWith(",2,\"amount: must be greater than zero, was 0\",\"a,2026-01-14T15:00:00Z,user_001,0\"\n");
    }

    @Test
    void writesRejectsAsCsvOnly() {
        assertThatThrownBy(() -> RejectedRecordFiles.newWriter(dir.resolve("rejects.jsonl")))
                .isInstanceOf(DataFileException.class)
                .hasMessageEndingWith("expected a name ending in .csv, optionally followed by .gz");
    }
}
