package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void judgesEachAccountByTheRiskiestTransactionItTookPartInAsPayerOrReceiver() throws IOException {
        Path transactions = write(
                "transactions.csv",
                "transaction_id,timestamp,user_id,amount,type,counterparty_id\n"
                        + "t1,2018-01-02T00:00:00Z,a,10,TRANSFER,mule\n"
                        + "t2,2018-01-02T00:00:00Z,b,10,TRANSFER,c\n"
                        + "t3,2018-01-03T00:00:00Z,c,10,CASH_OUT,\n"
                        + "t4,2018-01-03T00:00:00Z,d,10,CARD,\n");
        Path decisions = write(
                "decisions.csv",
                "transaction_id,risk_score,risk_level,recommendation,reason_codes\n"
                        + "t1,0.9000,HIGH,BLOCK,FAN_IN\n"
                        + "t2,0.2000,LOW,APPROVE,\n"
                        + "t3,0.4000,MEDIUM,APPROVE,UNUSUAL_HOUR\n"
                        + "t4,0.1000,LOW,APPROVE,\n");
        Path accountLabels = write("account-labels.csv", "user_id,label\nmule,1\na,0\nb,0\nc,0\nd,0\nsilent,1\n");
        Path json = dir.resolve("report.json");

        CommandRun run = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--transactions",
                transactions.toString(),
                "--account-labels",
                accountLabels.toString(),
                "--budget",
                "0.5",
                "--json",
                json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // mule 0.9 (as receiver), a 0.9, c 0.4, b 0.2, d 0.1, silent 0 (no transaction). ROC-AUC: mule ties a
        // and beats the other three, silent beats none: 3.5 of 8 pairs. Average precision: half the recall at
        // precision 1/2 (mule tied with a), the other half at 2/6 (silent last). The top 3 are mule, a and c.
        assertThat(run.outLines())
                .startsWith(
                        "accounts            6, of which suspicious 2 (33.33 %)",
                        "                    1 of them took part in no decided transaction (score 0)",
                        "ROC-AUC             0.4375",
                        "PR-AUC              0.4167",
                        "at 50.0 % budget               3 accounts, precision 0.333, recall 0.500",
                        "flagged (not APPROVE)          2 accounts, precision 0.500, recall 0.500");
        JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(report.get("accounts").asInt()).isEqualTo(6);
        assertThat(report.get("withoutTransactions").asInt()).isEqualTo(1);
        assertThat(report.get("rocAuc").asDouble()).isEqualTo(0.4375);
    }

    @Test
    void judgesOnlyTheDecisionsFromAGivenInstantWhenAskedToAsAfterAFirstTraining() throws IOException {
        Path transactions = write(
                "transactions.csv",
                "transaction_id,timestamp,user_id,amount,type\n"
                        + "t1,2018-01-01T00:00:00Z,a,10,CARD\n"
                        + "t2,2018-01-05T00:00:00Z,b,10,CARD\n"
                        + "t3,2018-01-06T00:00:00Z,c,10,CARD\n");
        // t1, before the training, is a false alarm; from 2018-01-05 the fraud t3 outranks the honest t2.
        Path decisions = write(
                "decisions.csv",
                "transaction_id,risk_score,risk_level,recommendation,reason_codes\n"
                        + "t1,0.9000,HIGH,BLOCK,X\n"
                        + "t2,0.1000,LOW,APPROVE,\n"
                        + "t3,0.2000,LOW,APPROVE,\n");
        Path labels = write("labels.csv", "transaction_id,label,typology\nt1,0,\nt2,0,\nt3,1,\n");

        CommandRun all = CommandRun.of("evaluate", "--decisions", decisions.toString(), "--labels", labels.toString());
        CommandRun fromTraining = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--labels",
                labels.toString(),
                "--transactions",
                transactions.toString(),
                "--from",
                "2018-01-05T00:00:00Z");
        CommandRun withoutTimes = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--labels",
                labels.toString(),
                "--from",
                "2018-01-05T00:00:00Z");

        assertThat(all.outLines()).contains("ROC-AUC             0.5000");
        assertThat(fromTraining.exitCode()).as(fromTraining.err()).isZero();
        assertThat(fromTraining.outLines())
                .contains("transactions        2, of which suspicious 1 (50.00 %)", "ROC-AUC             1.0000");
        assertThat(fromTraining.err()).contains("1 decisions are of transactions before 2018-01-05T00:00:00Z");
        assertThat(withoutTimes.exitCode()).isEqualTo(2);
        assertThat(withoutTimes.err()).contains("--from needs --transactions FILE");
    }

    @Test
    void saysHowManyDecisionsAndAccountsItLeftOut() throws IOException {
        Path transactions =
                write("transactions.csv", "transaction_id,timestamp,user_id,amount\nt1,2018-01-02T00:00:00Z,a,10\n");
        Path decisions = write(
                "decisions.csv",
                "transaction_id,risk_score,risk_level,recommendation,reason_codes\n"
                        + "t1,0.9000,HIGH,BLOCK,\n"
                        + "t9,0.1000,LOW,APPROVE,\n");
        Path accountLabels = write("account-labels.csv", "user_id,label\nb,1\nc,0\n");

        CommandRun run = CommandRun.of(
                "evaluate",
                "--decisions",
                decisions.toString(),
                "--transactions",
                transactions.toString(),
                "--account-labels",
                accountLabels.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines())
                .contains(
                        "1 decisions are for transactions not in " + transactions + " and are left out",
                        "1 accounts took part in decided transactions but have no label; left out");
    }

    @Test
    void takesEitherTransactionLabelsOrAccountLabelsWithTheirTransactions() throws IOException {
        Path file = write("any.csv", "x\n");

        CommandRun both = CommandRun.of(
                "evaluate",
                "--decisions",
                file.toString(),
                "--labels",
                file.toString(),
                "--account-labels",
                file.toString(),
                "--transactions",
                file.toString());
        CommandRun withoutTransactions =
                CommandRun.of("evaluate", "--decisions", file.toString(), "--account-labels", file.toString());

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("are mutually exclusive");
        assertThat(withoutTransactions.exitCode()).isEqualTo(2);
        assertThat(withoutTransactions.err()).contains("--account-labels needs --transactions FILE");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
