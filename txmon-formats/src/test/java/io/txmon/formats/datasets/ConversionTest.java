package io.txmon.formats.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txmon.formats.DataFileException;
import io.txmon.transaction.Transaction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionTest {

    @TempDir
    Path dir;

    @Test
    void findsEachDataSetByItsCommandLineNameAndNamesTheKnownOnesOtherwise() {
        assertThat(PublicDataSet.byId("ccfd-handbook")).isEqualTo(PublicDataSet.CCFD_HANDBOOK);
        assertThat(PublicDataSet.byId("paysim")).isEqualTo(PublicDataSet.PAYSIM);
        assertThat(PublicDataSet.byId("amlsim")).isEqualTo(PublicDataSet.AMLSIM);
        assertThatThrownBy(() -> PublicDataSet.byId("banksim"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no public data set is called 'banksim'; known: ccfd-handbook, paysim, amlsim");
    }

    @Test
    void numbersRowsWithoutIdsOnAcrossPartsCountingRejectedRowsSoThatIdsDoNotShift() {
        String header = "step,source_account,target_account,amount,label";
        Path part1 = SourceFiles.csv(dir, "a.csv", header, "1,0,1,5.00,0", "1,0,1,-5.00,0");
        Path part2 = SourceFiles.csv(dir, "b.csv", header, "2,1,0,7.00,0");
        Collected out = new Collected();

        ConversionSummary summary = Conversion.builder(PublicDataSet.AMLSIM)
                .inputs(List.of(part1, part2))
                .build()
                .run(out);

        assertThat(out.transactions).extracting(Transaction::transactionId).containsExactly("1", "3");
        assertThat(summary.rows()).isEqualTo(3);
        assertThat(summary.transactions()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(1);
    }

    @Test
    void refusesAStartForADataSetWithItsOwnTimestamps() {
        assertThatThrownBy(() -> Conversion.builder(PublicDataSet.CCFD_HANDBOOK).start(Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("start: ccfd-handbook rows carry their own timestamps");
    }

    @Test
    void refusesAnAccountsFileForADataSetWithout() {
        assertThatThrownBy(() -> Conversion.builder(PublicDataSet.PAYSIM).accounts(dir.resolve("accounts.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("accounts: paysim has no accounts file");
    }

    @Test
    void refusesToRunWithoutInputs() {
        assertThatThrownBy(() -> Conversion.builder(PublicDataSet.PAYSIM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputs: at least one file of paysim is needed, got none");
    }

    @Test
    void stopsAtAFileWhoseHeaderIsNotTheSourcesNamingTheMissingColumns() {
        Path file = SourceFiles.csv(dir, "tx.csv", "step,nameOrig,amount", "1,C1,5");

        assertThatThrownBy(() -> Conversion.builder(PublicDataSet.PAYSIM)
                        .inputs(List.of(file))
                        .build()
                        .run(new Collected()))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining(
                        "lacks the required columns type, oldbalanceorg, namedest, oldbalancedest, label");
    }
}
