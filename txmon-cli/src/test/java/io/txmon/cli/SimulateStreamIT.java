package io.txmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.stream.broker.LocalKafka;
import io.txmon.stream.topics.DecisionConsumer;
import io.txmon.stream.topics.Topics;
import io.txmon.stream.topics.TransactionMessage;
import io.txmon.stream.topics.TransactionMessages;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --stream} against a real broker: a live world at a rate, stamped with the wall clock. */
class SimulateStreamIT {
    @TempDir
    Path dir;

    @Test
    void aLiveWorldArrivesAtItsRateStampedWithTheWallClockWithNewIdsWhenTheWorldRunsOut() {
        try (LocalKafka kafka = LocalKafka.start(0, dir.resolve("kafka"))) {
            Topics topics = Topics.DEFAULTS;
            kafka.createTopics(topics.all(), 2, List.of(topics.accounts()));
            String servers = kafka.bootstrapServers();

            Instant before = Instant.now();
            // A world of ten customers over a day runs out within the two seconds, so later worlds follow it.
            CommandRun run = CommandRun.of(
                    "simulate",
                    "--stream",
                    "--bootstrap-servers",
                    servers,
                    "--customers",
                    "10",
                    "--days",
                    "1",
                    "--rate",
                    "200",
                    "--duration",
                    "2s");
            Instant after = Instant.now();
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("world 1 (seed 1)", "world 2 (seed 2)");

            TransactionParser parser = new TransactionParser(Currency.getInstance("GBP"));
            List<Transaction> sent = new ArrayList<>();
            DecisionConsumer.read(servers, topics.transactions(), Duration.ofSeconds(2), record -> {
                TransactionMessage message = TransactionMessages.read(record, parser);
                assertThat(message.reason()).isNull();
                sent.add(message.transaction().transaction());
            });
            long accounts = DecisionConsumer.read(servers, topics.accounts(), Duration.ofSeconds(2), record -> {});

            // 200 a second for two seconds, less what the first world's simulation and the last tick take.
            assertThat(sent).hasSizeBetween(300, 420);
            assertThat(accounts).isPositive();
            assertThat(sent).allSatisfy(tx -> assertThat(tx.timestamp()).isBetween(before.minusMillis(1), after));
            assertThat(new HashSet<>(
                            sent.stream().map(Transaction::transactionId).toList()))
                    .hasSameSizeAs(sent);
        }
    }
}
