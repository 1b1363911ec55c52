package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.cli.TxmonCommand;
import io.txmon.formats.RecordWriter;
import io.txmon.formats.TransactionFiles;
import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RandomTransactions;
import io.txmon.transaction.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12's proof that the door does not choose what decides: a rule set and a model activated through the running
 * service's API decide what {@code bin/txmon ingest} stores next on the same database, once the service has stopped
 * (it owns the database while it runs).
 */
class ActivatedThroughTheServiceIT {
    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void aRuleSetAndAnOlderModelActivatedThroughTheApiDecideTheNextIngestOnTheSameDatabase(DatabaseEngine engine)
            throws Exception {
        List<Transaction> later = new RandomTransactions(12).generate(200, 10);
        Path laterFile = folder.resolve("later.csv");
        try (RecordWriter<Transaction> writer = TransactionFiles.newWriter(laterFile)) {
            later.forEach(writer::write);
        }
        try (TestDatabase test = TestDatabase.create(engine, folder)) {
            String ruleSet;
            String olderModel;
            String newerModel;
            try (ConfigurableApplicationContext service = serve(test.url())) {
                ServiceClient client = new ServiceClient(
                        service.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
                detectADay(client, "2025-12-01");
                detectADay(client, "2025-12-02");
                olderModel = train(client, "2025-12-01");
                newerModel = train(client, "2025-12-02");

                String defaults = client.get("/rules", ANALYST_KEY)
                        .json()
                        .get("rule_file")
                        .asString();
                Answer rules = client.sendText(
                        "PUT",
                        "/rules",
                        ADMIN_KEY,
                        defaults.replaceFirst("high_amount: 10000", "high_amount: 5")
                                .replaceFirst("name: ([\\w-]+)", "name: $1-stricter"));
                Answer model =
                        client.send("PUT", "/models/active", ADMIN_KEY, "{\"model_version\": \"" + olderModel + "\"}");
                assertThat(rules.status()).as(rules.body()).isEqualTo(200);
                assertThat(model.status()).as(model.body()).isEqualTo(200);
                ruleSet = rules.json().get("version").asString();
            }
            assertThat(olderModel)
                    .as("the active model is not simply the newest")
                    .isNotEqualTo(newerModel);

            IngestRun ingest = IngestRun.of("ingest", "--input", laterFile.toString(), "--db", test.url());

            assertThat(ingest.exitCode()).as(ingest.err()).isZero();
            assertThat(test.count("SELECT COUNT(*) FROM decisions d JOIN transactions t ON t.sequence_number ="
                            + " d.sequence_number WHERE t.transaction_id LIKE 'r-%' AND d.rule_set_version = '"
                            + ruleSet + "' AND d.model_version = '" + olderModel + "'"))
                    .isEqualTo(later.size());
        }
    }

    /** {@code bin/txmon serve --db url}, with the test keys, on a free port. */
    private static ConfigurableApplicationContext serve(String url) {
        return new SpringApplicationBuilder(TxmonService.class)
                .run(
                        "--server.port=0",
                        "--txmon.db.url=" + url,
                        "--txmon.api-keys=" + ServiceClient.KEYS,
                        "--txmon.analytics.refresh-every=1h");
    }

    /** 300 transactions of 30 accounts over the first hours of {@code day}, enough to train on. */
    private static void detectADay(ServiceClient client, String day) {
        for (int batch = 0; batch < 3; batch++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = batch * 100; i < batch * 100 + 100; i++) {
                body.append(i % 100 == 0 ? "" : ",")
                        .append(ServiceBehaviour.transaction(
                                day + "-" + i,
                                "acct" + (i % 30),
                                String.valueOf(10 + i % 97),
                                "%sT%02d:%02d:00Z".formatted(day, i / 60, i % 60)));
            }
            Answer decided =
                    client.post("/detect/batch", INGEST_KEY, body.append(']').toString());
            assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        }
    }

    /** {@code POST /models/train} on the transactions of {@code day}; the new version. */
    private static String train(ServiceClient client, String day) {
        Answer trained =
                client.post("/models/train?from=%sT00:00:00Z&to=%sT23:59:59Z".formatted(day, day), ADMIN_KEY, "");
        assertThat(trained.status()).as(trained.body()).isEqualTo(200);
        assertThat(trained.json().get("new_version").asBoolean()).isTrue();
        return trained.json().get("model_version").asString();
    }

    /** One run of {@code bin/txmon}, in this process, with what it printed on standard error. */
    private record IngestRun(int exitCode, String err) {
        static synchronized IngestRun of(String... args) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream complained = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(complained, true, StandardCharsets.UTF_8));
                int exitCode = TxmonCommand.execute(args);
                return new IngestRun(exitCode, complained.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }
}
