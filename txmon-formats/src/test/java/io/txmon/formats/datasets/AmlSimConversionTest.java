package io.txmon.formats.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.evaluation.AccountLabel;
import io.txmon.evaluation.Label;
import io.txmon.transaction.Account;
import io.txmon.transaction.AccountType;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmlSimConversionTest {
    private static final String TX_HEADER = "step,source_account,target_account,amount,label";
    private static final String ACCOUNTS_HEADER = "account,init_balance,label";
    private static final Instant YEAR_BEFORE_DEFAULT_START = Instant.parse("2017-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void mapsEveryRowToATransferStampedAtTheStartOfItsDayInRowOrder() {
        Path tx =
                SourceFiles.csv(dir, "tx.csv", TX_HEADER, "1,216,14730,163.3,0", "1,322,5431,143.11,0", "3,9,8,2.78,1");
        Collected out = new Collected();

        Conversion.builder(PublicDataSet.AMLSIM).inputs(List.of(tx)).build().run(out);

        assertThat(out.transactions.get(0))
                .isEqualTo(
                        Transaction.builder("1", Instant.parse("2018-01-02T00:00:00Z"), "216", new BigDecimal("163.3"))
                                .type(TransactionType.TRANSFER)
                                .counterpartyId("14730")
                                .build());
        assertThat(out.transactions).extracting(Transaction::transactionId).containsExactly("1", "2", "3");
        assertThat(out.transactions)
                .extracting(Transaction::timestamp)
                .containsExactly(
                        Instant.parse("2018-01-02T00:00:00Z"),
                        Instant.parse("2018-01-02T00:00:00Z"),
                        Instant.parse("2018-01-04T00:00:00Z"));
        assertThat(out.labels)
                .containsExactly(
                        Label.ordinary("1"), Label.ordinary("2"), Label.suspicious("3", "BETWEEN_SAR_ACCOUNTS"));
    }

    @Test
    void describesAndLabelsEveryAccountOfTheAccountsFileOpenedAYearBeforeTheStart() {
        Path tx = SourceFiles.gzip(dir, "tx.csv.gz", TX_HEADER, "1,0,1,10.5,0");
        Path accounts = SourceFiles.csv(dir, "accounts.csv", ACCOUNTS_HEADER, "0,184.44,0", "1,175.8,1", "2,100.04,1");
        Collected out = new Collected();

        Conversion conversion = Conversion.builder(PublicDataSet.AMLSIM)
                .inputs(List.of(tx))
                .accounts(accounts)
                .build();
        ConversionSummary summary = conversion.run(out);

        assertThat(conversion.describesAccounts()).isTrue();
        assertThat(conversion.labelsAccounts()).isTrue();
        assertThat(out.accounts).containsExactly(account("0", "184.44"), account("1", "175.8"), account("2", "100.04"));
        assertThat(out.accountLabels)
                .containsExactly(
                        new AccountLabel("0", false), new AccountLabel("1", true), new AccountLabel("2", true));
        assertThat(summary.accounts()).isEqualTo(3);
        assertThat(summary.suspiciousAccounts()).isEqualTo(2);
    }

    @Test
    void writesNoAccountsWithoutTheAccountsFile() {
        Path tx = SourceFiles.csv(dir, "tx.csv", TX_HEADER, "1,0,1,10.5,0");
        Collected out = new Collected();

        Conversion conversion =
                Conversion.builder(PublicDataSet.AMLSIM).inputs(List.of(tx)).build();
        conversion.run(out);

        assertThat(conversion.describesAccounts()).isFalse();
        assertThat(out.accounts).isEmpty();
        assertThat(out.accountLabels).isEmpty();
    }

    @Test
    void rejectsARepeatedAccountNamingTheLineOfItsFirstAppearanceAndABadBalance() {
        Path tx = SourceFiles.csv(dir, "tx.csv", TX_HEADER, "1,0,1,10.5,0");
        Path accounts = SourceFiles.csv(
                dir, "accounts.csv", ACCOUNTS_HEADER, "0,184.44,0", "1,lots,1", "0,99.00,1", "2,1E+999999999,0");
        Collected out = new Collected();

        Conversion.builder(PublicDataSet.AMLSIM)
                .inputs(List.of(tx))
                .accounts(accounts)
                .build()
                .run(out);

        assertThat(out.accountLabels).containsExactly(new AccountLabel("0", false));
        assertThat(out.reasons())
                .containsExactly(
                        "init_balance: must be a decimal number, was 'lots'",
                        "account: '0' already appeared on line 2",
                        "init_balance: has more than 15 digits before the decimal point, was '1E+999999999'");
        assertThat(out.rejected).allSatisfy(r -> assertThat(r.source()).endsWith("accounts.csv"));
    }

    private static Account account(String id, String balance) {
        return new Account(id, YEAR_BEFORE_DEFAULT_START, AccountType.PERSONAL, null, null, new BigDecimal(balance));
    }
}
