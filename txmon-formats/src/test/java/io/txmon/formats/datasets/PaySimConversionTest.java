package io.txmon.formats.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.txmon.evaluation.Label;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaySimConversionTest {
    private static final String HEADER =
            "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
                    + "newbalanceDest,isFlaggedFraud,label";
    private static final Instant YEAR_BEFORE_DEFAULT_START = Instant.parse("2017-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Collected convert(String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = HEADER;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        Collected out = new Collected();
        Conversion.builder(PublicDataSet.PAYSIM)
                .inputs(List.of(SourceFiles.csv(dir, "paysim.csv", lines)))
                .build()
                .run(out);
        return out;
    }

    @Test
    void mapsEachPaySimTypeOntoTheContractsTypesWithTheDestinationWhereTheContractHasRoomForIt() {
        Collected out = convert(
                "1,PAYMENT,9839.64,C1231006815,170136.0,160296.36,M1979787155,0.0,0.0,0,0",
                "1,TRANSFER,181.0,C1305486145,181.0,0.0,C553264065,0.0,0.0,0,1",
                "1,CASH_OUT,181.0,C840083671,181.0,0.0,C38997010,21182.0,0.0,0,1",
                "1,CASH_IN,55659.42,C1000001337,349763.55,405422.97,C2000000001,1000.0,0.0,0,0",
                "1,DEBIT,1255.68,C1000002000,5000.0,3744.32,C3000000001,0.0,1255.68,0,0");

        assertThat(out.transactions)
                .extracting(
                        Transaction::transactionId,
                        Transaction::type,
                        Transaction::userId,
                        Transaction::counterpartyId,
                        Transaction::merchantId)
                .containsExactly(
                        tuple("1", TransactionType.CARD, "C1231006815", null, "M1979787155"),
                        tuple("2", TransactionType.TRANSFER, "C1305486145", "C553264065", null),
                        tuple("3", TransactionType.CASH_OUT, "C840083671", null, "C38997010"),
                        tuple("4", TransactionType.CASH_IN, "C1000001337", null, "C2000000001"),
                        tuple("5", TransactionType.CASH_OUT, "C1000002000", null, "C3000000001"));
        assertThat(out.transactions.get(0).amount()).isEqualTo(new BigDecimal("9839.64"));
        assertThat(out.transactions.get(0).currency()).isEqualTo(Currency.getInstance("USD"));
    }

    @Test
    void labelsFraudAsATakeoverByItsSourceType() {
        Collected out = convert(
                "1,TRANSFER,181.0,C1305486145,181.0,0.0,C553264065,0.0,0.0,0,1",
                "1,CASH_OUT,181.0,C840083671,181.0,0.0,C38997010,21182.0,0.0,0,1",
                "2,PAYMENT,10.0,C1,20.0,10.0,M1,0.0,0.0,0,0");

        assertThat(out.labels)
                .containsExactly(
                        Label.suspicious("1", "TAKEOVER_TRANSFER"),
                        Label.suspicious("2", "TAKEOVER_CASH_OUT"),
                        Label.ordinary("3"));
    }

    @Test
    void stampsEachStepAsAnHourAfterTheStartSoThatTheHourOfDayIsTheStepModulo24() {
        Collected out = convert("1,PAYMENT,5.0,C1,9.0,4.0,M1,0.0,0.0,0,0", "27,PAYMENT,5.0,C2,9.0,4.0,M1,0.0,0.0,0,0");

        assertThat(out.transactions)
                .extracting(Transaction::timestamp)
                .containsExactly(Instant.parse("2018-01-01T01:00:00Z"), Instant.parse("2018-01-02T03:00:00Z"));
    }

    @Test
    void startsTheStepsWhereToldAndWritesTheAmountsInTheCurrencyGiven() {
        Collected out = new Collected();
        Conversion.builder(PublicDataSet.PAYSIM)
                .inputs(List.of(SourceFiles.csv(dir, "p.csv", HEADER, "3,PAYMENT,5.0,C1,9.0,4.0,M1,0.0,0.0,0,0")))
                .start(Instant.parse("2020-03-01T00:00:00Z"))
                .currency(Currency.getInstance("KES"))
                .build()
                .run(out);

        assertThat(out.transactions.get(0).timestamp()).isEqualTo(Instant.parse("2020-03-01T03:00:00Z"));
        assertThat(out.transactions.get(0).currency()).isEqualTo(Currency.getInstance("KES"));
        assertThat(out.accounts.get(0).openedAt()).isEqualTo(Instant.parse("2019-03-02T00:00:00Z"));
    }

    @Test
    void opensEveryCustomerAYearBeforeTheStartWithItsBalanceBeforeItsEarliestTransaction() {
        // rows out of time order, as in the sample: C2 first pays at step 9, but received a transfer at step 4
        Collected out = convert(
                "9,PAYMENT,10.0,C2,700.0,690.0,M1,0.0,0.0,0,0",
                "4,TRANSFER,50.0,C1,80.0,30.0,C2,640.0,690.0,0,0",
                "4,CASH_OUT,5.0,C3,5.0,0.0,C9,100.0,105.0,0,0",
                "6,PAYMENT,10.0,C1,30.0,20.0,M1,0.0,0.0,0,0");

        assertThat(out.accounts).containsExactly(account("C2", "640.0"), account("C1", "80.0"), account("C3", "5.0"));
    }

    @Test
    void rejectsAnUnknownTypeAndANegativeStepNamingTheColumnAndKeepsTheRowNumbersOfTheRest() {
        Collected out = convert(
                "1,REFUND,5.0,C1,9.0,4.0,M1,0.0,0.0,0,0",
                "-2,PAYMENT,5.0,C1,9.0,4.0,M1,0.0,0.0,0,0",
                "3,PAYMENT,0,C1,9.0,4.0,M1,0.0,0.0,0,0",
                "4,PAYMENT,5.0,C1,9.0,4.0,M1,0.0,0.0,0,0");

        assertThat(out.reasons())
                .containsExactly(
                        "type: must be PAYMENT, TRANSFER, CASH_IN, CASH_OUT or DEBIT, was 'REFUND'",
                        "step: must be 0 or more, was -2",
                        "amount: must be greater than zero, was 0");
        assertThat(out.transactions).extracting(Transaction::transactionId).containsExactly("4");
        assertThat(out.accounts).containsExactly(account("C1", "9.0"));
    }

    private static Account account(String id, String openingBalance) {
        return new Account(
                id, YEAR_BEFORE_DEFAULT_START, AccountType.PERSONAL, null, null, new BigDecimal(openingBalance));
    }
}
