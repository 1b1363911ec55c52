package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final String CCFD_HEADER =
            "transaction_id,tx_datetime,customer_id,terminal_id,amount,fraud_scenario,label\n";
    private static final String PAYSIM_HEADER = "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,"
            + "oldbalanceDest,newbalanceDest,isFlaggedFraud,label\n";
    private static final String TX_HEADER = "transaction_id,timestamp,user_id,amount,currency,type,counterparty_id,"
            + "merchant_id,merchant_type,location,country,channel,device_id\n";

    @TempDir
    Path dir;

    @Test
    void convertsTheHandbooksGzippedPartsIntoTransactionsAndLabelsThatScoreAndEvaluateRead() throws IOException {
        Path june = gzip(
                "ccfd.part1.csv.gz",
                CCFD_HEADER + "585177,2018-06-01T00:01:11,852,5161,163.64,0,0\n"
                        + "585178,2018-06-01T00:03:18,4316,2186,914.1500000000001,3,1\n");
        Path july = gzip("ccfd.part2.csv.gz", CCFD_HEADER + "872795,2018-07-01T00:00:31,852,98,250.0,1,1\n");
        Path out = dir.resolve("ccfd");

        CommandRun run = CommandRun.of(
                "convert",
                "--from",
                "ccfd-handbook",
                "--input",
                june.toString(),
                "--input",
                july.toString(),
                "--output",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("transactions.csv")))
                .isEqualTo(TX_HEADER
                        + "585177,2018-06-01T00:01:11Z,852,163.64,USD,CARD,,5161,,,,,\n"
                        + "585178,2018-06-01T00:03:18Z,4316,914.15,USD,CARD,,2186,,,,,\n"
                        + "872795,2018-07-01T00:00:31Z,852,250.00,USD,CARD,,98,,,,,\n");
        assertThat(Files.readString(out.resolve("labels.csv")))
                .isEqualTo("transaction_id,label,typology\n585177,0,\n585178,1,COMPROMISED_CUSTOMER\n"
                        + "872795,1,AMOUNT_OVER_220\n");
        assertThat(out.resolve("accounts.csv")).doesNotExist();
        assertThat(run.err())
                .contains("converted 3 of 3 ccfd-handbook rows")
                .contains("2 suspicious (AMOUNT_OVER_220 1, COMPROMISED_CUSTOMER 1); 0 rejected in all");

        Path decisions = dir.resolve("decisions.csv");
        CommandRun score = CommandRun.of(
                "score", "--input", out.resolve("transactions.csv").toString(), "--output", decisions.toString());
        assertThat(score.exitCode()).as(score.err()).isZero();
        CommandRun evaluate = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--labels",
                out.resolve("labels.csv").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).startsWith("transactions        3, of which suspicious 2");
    }

    @Test
    void writesPaySimAccountsWithTheBalanceBeforeTheirEarliestTransaction() throws IOException {
        Path input = write(
                "paysim.csv",
                PAYSIM_HEADER
                        + "9,PAYMENT,10.0,C2,700.0,690.0,M1,0.0,0.0,0,0\n"
                        + "4,TRANSFER,50.0,C1,80.0,30.0,C2,640.0,690.0,0,1\n");
        Path out = dir.resolve("paysim");

        CommandRun run = CommandRun.of(
                "convert",
                "--from",
                "paysim",
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--start",
                "2020-03-01T00:00:00Z",
                "--currency",
                "KES");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("transactions.csv")))
                .isEqualTo(TX_HEADER
                        + "1,2020-03-01T09:00:00Z,C2,10.0,KES,CARD,,M1,,,,,\n"
                        + "2,2020-03-01T04:00:00Z,C1,50.0,KES,TRANSFER,C2,,,,,,\n");
        assertThat(Files.readString(out.resolve("labels.csv")))
                .isEqualTo("transaction_id,label,typology\n1,0,\n2,1,TAKEOVER_TRANSFER\n");
        assertThat(Files.readString(out.resolve("accounts.csv")))
                .isEqualTo("user_id,opened_at,account_type,country,city,opening_balance\n"
                        + "C2,2019-03-02T00:00:00Z,PERSONAL,,,640.0\n"
                        + "C1,2019-03-02T00:00:00Z,PERSONAL,,,80.0\n");
        assertThat(run.err()).contains("2 accounts");
    }

    @Test
    void writesAmlSimAccountsAndAccountLabelsFromItsAccountsFile() throws IOException {
        Path tx = write(
                "amlsim-tx.csv", "step,source_account,target_account,amount,label\n1,0,1,163.3,0\n2,1,2,2.78,1\n");
        Path accounts = write("amlsim-accounts.csv", "account,init_balance,label\n0,184.44,0\n1,175.8,1\n2,120.00,1\n");
        Path out = dir.resolve("amlsim");

        CommandRun run = CommandRun.of(
                "convert",
                "--from",
                "amlsim",
                "--input",
                tx.toString(),
                "--accounts",
                accounts.toString(),
                "--output",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("transactions.csv")))
                .isEqualTo(TX_HEADER
                        + "1,2018-01-02T00:00:00Z,0,163.3,USD,TRANSFER,1,,,,,,\n"
                        + "2,2018-01-03T00:00:00Z,1,2.78,USD,TRANSFER,2,,,,,,\n");
        assertThat(Files.readString(out.resolve("labels.csv")))
                .isEqualTo("transaction_id,label,typology\n1,0,\n2,1,BETWEEN_SAR_ACCOUNTS\n");
        assertThat(Files.readString(out.resolve("accounts.csv")))
                .isEqualTo("user_id,opened_at,account_type,country,city,opening_balance\n"
                        + "0,2017-01-01T00:00:00Z,PERSONAL,,,184.44\n"
                        + "1,2017-01-01T00:00:00Z,PERSONAL,,,175.8\n"
                        + "2,2017-01-01T00:00:00Z,PERSONAL,,,120.00\n");
        assertThat(Files.readString(out.resolve("account-labels.csv"))).isEqualTo("user_id,label\n0,0\n1,1\n2,1\n");
        assertThat(run.err()).contains("3 accounts, 3 labelled, 2 of them suspicious");
    }

    @Test
    void reportsRejectedRowsWithFileLineAndReasonKeepsThemAllWhenAskedAndConvertsTheRest() throws IOException {
        Path input = write(
                "ccfd.csv",
                CCFD_HEADER
                        + "1,2018-06-07T05:52:10,2635,6058,0.0,0,0\n"
                        + "2,2018-06-07T05:52:11,2635,6058,12.5,0,1\n"
                        + "3,2018-06-07T05:52:12,2635,6058,12.5,0,0\n");
        Path rejects = dir.resolve("rejects.csv");

        CommandRun run = CommandRun.of(
                "convert",
                "--from",
                "ccfd-handbook",
                "--input",
                input.toString(),
                "--output",
                dir.resolve("out").toString(),
                "--rejects",
                rejects.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines())
                .contains(
                        "rejected " + input + " line 2: amount: must be greater than zero, was 0.00",
                        "rejected " + input + " line 3: label: is 1 but fraud_scenario is 0");
        assertThat(run.err()).contains("converted 1 of 3 ccfd-handbook rows").contains("2 rejected in all");
        assertThat(Files.readAllLines(rejects))
                .containsExactly(
                        "source,line,reason,raw",
                        input
                                + ",2,\"amount: must be greater than zero, was 0.00\",\"1,2018-06-07T05:52:10,2635,6058,0.0,0,0\"",
                        input + ",3,label: is 1 but fraud_scenario is 0,\"2,2018-06-07T05:52:11,2635,6058,12.5,0,1\"");
    }

    @Test
    void refusesOptionsThatDoNotFitTheDataSetAsBadArguments() throws IOException {
        Path input = write("ccfd.csv", CCFD_HEADER);

        CommandRun start = CommandRun.of(
                "convert",
                "--from",
                "ccfd-handbook",
                "--input",
                input.toString(),
                "--output",
                dir.toString(),
                "--start",
                "2018-01-01T00:00:00Z");
        CommandRun accounts = CommandRun.of(
                "convert",
                "--from",
                "paysim",
                "--input",
                input.toString(),
                "--output",
                dir.toString(),
                "--accounts",
                input.toString());
        CommandRun unknown =
                CommandRun.of("convert", "--from", "banksim", "--input", input.toString(), "--output", dir.toString());

        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.errLines())
                .containsExactly("txmon convert: --start: ccfd-handbook rows carry their own timestamps, so a start of"
                        + " 2018-01-01T00:00:00Z has no use (see txmon convert --help)");
        assertThat(accounts.exitCode()).isEqualTo(2);
        assertThat(accounts.err()).contains("--accounts: paysim has no accounts file");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("no public data set is called 'banksim'; known: ccfd-handbook, paysim, amlsim");
    }

    @Test
    void stopsWithOneLineAndWritesNothingWhenAnInputIsMissing() {
        Path out = dir.resolve("never");

        CommandRun run = CommandRun.of(
                "convert",
                "--from",
                "paysim",
                "--input",
                dir.resolve("missing.csv").toString(),
                "--output",
                out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .containsExactly(
                        "txmon convert: " + dir.resolve("missing.csv") + ": cannot open: no such readable file");
        assertThat(out).doesNotExist();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path gzip(String name, String content) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(compressed)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return Files.write(dir.resolve(name), compressed.toByteArray());
    }
}
