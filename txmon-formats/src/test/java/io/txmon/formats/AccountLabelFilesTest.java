package io.txmon.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.AccountLabel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountLabelFilesTest {

    @TempDir
    Path dir;

    private static Reading<AccountLabel> read(Path file) {
        Reading<AccountLabel> reading = new Reading<>();
        reading.summary = AccountLabelFiles.read(file, reading.acceptedSink(), reading.rejectedSink());
        return reading;
    }

    @Test
    void writesOneForASuspiciousAccountAndZeroForAnOrdinaryOneAndReadsThemBack() {
        Path file = dir.resolve("account-labels.csv");
        List<AccountLabel> labels = List.of(new AccountLabel("17", true), new AccountLabel("acc-2", false));
        try (RecordWriter<AccountLabel> writer = AccountLabelFiles.newWriter(file)) {
            writer.writeAll(labels);
        }

        assertThat(TestFiles.read(file)).isEqualTo("user_id,label\n17,1\nacc-2,0\n");
        assertThat(read(file).values()).isEqualTo(labels);
    }

    @Test
    void acceptsTrueAndFalseAndIgnoresExtraColumns() {
        Path file = TestFiles.text(dir, "sar.csv", "User_Id,init_balance,label\na,10,TRUE\nb,20,false\n");

        assertThat(read(file).values()).containsExactly(new AccountLabel("a", true), new AccountLabel("b", false));
    }

    @Test
    void rejectsALabelThatIsNotABooleanOrAMissingAccountNamingTheField() {
        Path file = TestFiles.text(dir, "sar.csv", "user_id,label\na,yes\n,1\nc,0\n");

        Reading<AccountLabel> reading = read(file);

        assertThat(reading.values()).containsExactly(new AccountLabel("c", false));
        assertThat(reading.reasons())
                .containsExactly("label: must be 1, 0, true or false, was 'yes'", "user_id: is required");
    }
}
