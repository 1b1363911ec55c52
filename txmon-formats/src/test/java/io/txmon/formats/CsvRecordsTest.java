package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.txmon.transaction.InvalidFieldException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {
    private static final List<String> COLUMNS =
            IntStream.range(0, 6).mapToObj(i -> "c" + i).toList();

    @Test
    void splitsEveryRecordWithoutQuotesExactlyAsFastCsvsStrictParserDoes() {
        CsvRecords records = withHeader(String.join(",", COLUMNS));
        Random random = new Random(11);
        String alphabet = "ab ,,,é✓\t;x9-.:Z";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String line = text.toString();
            CsvRecord expected = CsvReader.builder().ofSingleCsvRecord(line);
            if (expected.getFieldCount() != COLUMNS.size()) {
                assertThatThrownBy(() -> records.fields(raw(line)))
                        .as(line)
                        .isInstanceOf(InvalidFieldException.class)
                        .hasMessage("record: has " + expected.getFieldCount()
                                + (expected.getFieldCount() == 1 ? " cell" : " cells") + ", the header has 6");
                continue;
            }
            RecordFields fields = records.fields(raw(line));
            for (int c = 0; c < COLUMNS.size(); c++) {
                assertThat(fields.get(COLUMNS.get(c))).as(line).isEqualTo(expected.getField(c));
            }
        }
    }

    @Test
    void readsQuotedRecordsWithFastCsvAndLeavesColumnsItDoesNotKnowOut() {
        CsvRecords records = withHeader("c0,other,c1");

        RecordFields fields = records.fields(raw("\"a,b\",ignored,\"say \"\"hi\"\"\""));

        assertThat(fields.get("c0")).isEqualTo("a,b");
        assertThat(fields.get("c1")).isEqualTo("say \"hi\"");
        assertThat(fields.get("other")).isNull();
    }

    private static CsvRecords withHeader(String header) {
        CsvRecords records = new CsvRecords(Path.of("test.csv"), RecordSchema.of(COLUMNS, List.of(), fields -> fields));
        records.readHeader(raw(header));
        return records;
    }

    private static RawRecord raw(String text) {
        return new RawRecord(2, text, text.length(), false, false);
    }
}
