package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.transaction.FieldSource;
import io.txmon.transaction.InvalidFieldException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForeignCsvFilesTest {
    private static final List<String> COLUMNS = List.of("nameOrig", "amount");

    @TempDir
    Path dir;

    private static String payment(FieldSource row) {
        String amount = row.get("amount");
        if (amount.startsWith("-")) {
            throw new InvalidFieldException("amount", "must not be negative, was " + amount);
        }
        return row.get("nameOrig") + "=" + amount;
    }

    private static Reading<String> read(Path file) {
        Reading<String> reading = new Reading<>();
        reading.summary = ForeignCsvFiles.read(
                file, COLUMNS, ForeignCsvFilesTest::payment, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    @Test
    void readsColumnsByTheCallersSpellingWhateverCaseTheHeaderUsesAndIgnoresOthers() {
        Path file = TestFiles.text(dir, "paysim.csv", "step,NAMEORIG,Amount,label\n1,C1,10.5,0\n2,C2,7,1\n");

        Reading<String> reading = read(file);

        assertThat(reading.values()).containsExactly("C1=10.5", "C2=7");
        assertThat(reading.acceptedLines()).containsExactly(2L, 3L);
    }

    @Test
    void readsGzipCompressedFiles() {
        Path file = TestFiles.gzip(dir, "paysim.csv.gz", "nameOrig,amount\nC1,3\n");

        assertThat(read(file).values()).containsExactly("C1=3");
    }

    @Test
    void rejectsARowWithItsLineRawTextAndReasonAndGoesOn() {
        Path file = TestFiles.text(dir, "paysim.csv", "nameOrig,amount\nC1,-4\nC2,5,extra\nC3,6\n");

        Reading<String> reading = read(file);

        assertThat(reading.values()).containsExactly("C3=6");
        assertThat(reading.rejectedLines()).containsExactly(2L, 3L);
        assertThat(reading.rejected.get(0).rawText()).isEqualTo("C1,-4");
        assertThat(reading.reasons())
                .containsExactly("amount: must not be negative, was -4", "record: has 3 cells, the header has 2");
        assertThat(reading.summary).isEqualTo(new ReadSummary(1, 2));
    }

    @Test
    void refusesAFileWhoseHeaderLacksAColumnNamingIt() {
        Path file = TestFiles.text(dir, "paysim.csv", "nameOrig,value\nC1,3\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("lacks the required column amount");
    }

    @Test
    void refusesAFileNotNamedAsCsv() {
        Path file = TestFiles.text(dir, "paysim.jsonl", "{}\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("expected a name ending in .csv, optionally followed by .gz");
    }
}
