package io.txmon.formats.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.Label;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CcfdHandbookConversionTest {
    private static final String HEADER =
            "transaction_id,tx_datetime,customer_id,terminal_id,amount,fraud_scenario,label";

    @TempDir
    Path dir;

    private static Collected convert(List<Path> parts) {
        Collected out = new Collected();
        Conversion.builder(PublicDataSet.CCFD_HANDBOOK).inputs(parts).build().run(out);
        return out;
    }

    @Test
    void mapsACustomersPaymentAtATerminalToACardTransactionAtThatLocalTimeReadAsUtc() {
        Path june = SourceFiles.csv(dir, "june.csv", HEADER, "585177,2018-06-01T00:01:11,852,5161,163.64,0,0");

        Collected out = convert(List.of(june));

        assertThat(out.transactions)
                .containsExactly(Transaction.builder(
                                "585177", Instant.parse("2018-06-01T00:01:11Z"), "852", new BigDecimal("163.64"))
                        .currency(Currency.getInstance("USD"))
                        .type(TransactionType.CARD)
                        .merchantId("5161")
                        .build());
        assertThat(out.labels).containsExactly(Label.ordinary("585177"));
        assertThat(out.accounts).isEmpty();
    }

    @Test
    void roundsAmountsWithFloatingPointNoiseToCents() {
        Path file = SourceFiles.csv(
                dir,
                "noise.csv",
                HEADER,
                "1,2018-06-01T10:00:00,1,2,914.1500000000001,0,0",
                "2,2018-06-01T10:00:01,1,2,85.64999999999999,0,0",
                "3,2018-06-01T10:00:02,1,2,118.5,0,0");

        assertThat(convert(List.of(file)).transactions)
                .extracting(Transaction::amount)
                .containsExactly(new BigDecimal("914.15"), new BigDecimal("85.65"), new BigDecimal("118.50"));
    }

    @Test
    void namesEachFraudScenarioAsTheTypologyOfItsLabel() {
        Path file = SourceFiles.csv(
                dir,
                "fraud.csv",
                HEADER,
                "1,2018-06-02T10:00:00,1,2,250.00,1,1",
                "2,2018-06-02T10:00:01,1,3,20.00,2,1",
                "3,2018-06-02T10:00:02,1,4,702.9000000000001,3,1");

        assertThat(convert(List.of(file)).labels)
                .containsExactly(
                        Label.suspicious("1", "AMOUNT_OVER_220"),
                        Label.suspicious("2", "COMPROMISED_TERMINAL"),
                        Label.suspicious("3", "COMPROMISED_CUSTOMER"));
    }

    @Test
    void readsGzippedPartsInTheOrderGivenAsOneDataSet() {
        Path june = SourceFiles.gzip(dir, "part1.csv.gz", HEADER, "10,2018-06-30T23:59:00,1,2,5.00,0,0");
        Path july = SourceFiles.gzip(dir, "part2.csv.gz", HEADER, "11,2018-07-01T00:00:30,1,2,6.00,0,0");

        assertThat(convert(List.of(june, july)).transactions)
                .extracting(Transaction::transactionId)
                .containsExactly("10", "11");
    }

    @Test
    void rejectsAZeroAmountAnUnknownScenarioAndALabelThatContradictsItsScenarioAndGoesOn() {
        Path file = SourceFiles.csv(
                dir,
                "bad.csv",
                HEADER,
                "1,2018-06-07T05:52:10,2635,6058,0.0,0,0",
                "2,2018-06-07T05:52:11,2635,6058,12.00,4,1",
                "3,2018-06-07T05:52:12,2635,6058,12.00,2,0",
                "4,2018-06-07 05:52:13,2635,6058,12.00,0,0",
                "5,2018-06-07T05:52:14,2635,6058,12.00,0,0");

        Collected out = convert(List.of(file));

        assertThat(out.transactions).extracting(Transaction::transactionId).containsExactly("5");
        assertThat(out.reasons())
                .containsExactly(
                        "amount: must be greater than zero, was 0.00",
                        "fraud_scenario: must be 0 (genuine) or 1 to 3, was 4",
                        "label: is 0 but fraud_scenario is 2",
                        "tx_datetime: must be a local date-time such as 2018-06-01T00:01:11, was '2018-06-07 05:52:13'");
        assertThat(out.rejected.get(0).line()).isEqualTo(2);
        assertThat(out.rejected.get(0).rawText()).isEqualTo("1,2018-06-07T05:52:10,2635,6058,0.0,0,0");
    }
}
