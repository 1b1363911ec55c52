package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.cli.TxmonCommand;
import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The supervised registry over real HTTP, on H2: a simulated bank of 24 days and its labels, each known two days after
 * its transaction, stored before the service starts. Retraining is scheduled every ten seconds here (never by
 * default): its first run keeps the first champion, and every later one trains the same model again, which changes
 * nothing, so the tests of this context see one scheduled model however often it runs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "txmon.api-keys=" + ServiceClient.KEYS,
            "txmon.analytics.refresh-every=1h",
            "txmon.drift.enabled=false",
            "txmon.retraining.cron=*/10 * * * * *",
            "txmon.retraining.label-delay=2d"
        })
@DirtiesContext
class SupervisedModelsServiceIT {
    private static final String AS_OF = "2026-01-20T00:00:00Z";

    /** The first champion, kept by the schedule, once for all the tests of this context. */
    private static String scheduled;

    @LocalServerPort
    int port;

    ServiceClient client;

    @DynamicPropertySource
    static void aLabelledBank(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-supervised-h2");
        String url = TestDatabase.h2Url(folder);
        Path world = folder.resolve("world");
        run("simulate", "--seed", "21", "--customers", "150", "--days", "24", "--output", world.toString());
        run(
                "ingest",
                "--input",
                world.resolve("transactions.csv").toString(),
                "--accounts",
                world.resolve("accounts.csv").toString(),
                "--db",
                url);
        run("labels", "import", world.resolve("labels.csv").toString(), "--db", url);
        registry.add("txmon.db.url", () -> url);
    }

    @BeforeEach
    void theScheduleHasKeptTheFirstChampion() throws InterruptedException {
        client = new ServiceClient(port);
        if (scheduled != null) {
            return;
        }
        Instant giveUp = Instant.now().plusSeconds(120);
        while (scheduled == null) {
            JsonNode models = client.get("/models/supervised", ANALYST_KEY).json();
            if (!models.isEmpty()) {
                scheduled = models.get(0).get("version").asString();
            } else if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("the scheduled retraining kept no model in 120 s");
            } else {
                Thread.sleep(500);
            }
        }
    }

    @Test
    void theScheduledRetrainingKeepsTheFirstChampionAndCountsItsRuns() throws InterruptedException {
        JsonNode first = version(scheduled);

        assertThat(first.get("decision").asString()).startsWith("first champion: no champion before it; PR-AUC ");
        assertThat(first.get("training").get("positives").asLong()).isPositive();
        assertThat(first.get("metrics").get("pr_auc").asDouble()).isBetween(0.0, 1.0);
        String runs = "txmon_retraining_runs_total{verdict=\"FIRST_CHAMPION\"}";
        Instant giveUp = Instant.now().plusSeconds(30);
        List<String> metrics;
        do {
            metrics = client.get("/actuator/prometheus", ANALYST_KEY)
                    .body()
                    .lines()
                    .toList();
            Thread.sleep(200);
        } while (metrics.stream().noneMatch(line -> line.startsWith(runs + " "))
                && Instant.now().isBefore(giveUp));
        assertThat(metrics).contains(runs + " 1.0");
    }

    @Test
    void theDriftOfAKeptSupervisedModelComparesItsTrainingWindowWithTheLastWeekOnEveryInputAndTheProbability() {
        JsonNode kept = version(scheduled);

        Answer answer = client.get("/models/" + scheduled + "/drift", ANALYST_KEY);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode drift = answer.json();
        assertThat(drift.get("model_version").asString()).isEqualTo(scheduled);
        assertThat(drift.get("training").get("from").asString())
                .isEqualTo(kept.get("training").get("from").asString());
        assertThat(drift.get("training").get("sampled").asLong()).isPositive();
        assertThat(drift.get("recent").get("sampled").asLong()).isPositive();
        assertThat(drift.get("inputs")).hasSize(kept.get("inputs").size());
        assertThat(drift.get("inputs").get(0).get("input").asString())
                .isEqualTo(kept.get("inputs").get(0).asString());
        assertThat(drift.get("score_psi").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(drift.get("score_verdict").asString()).isIn("STABLE", "MODERATE", "SHIFTED");
    }

    @Test
    void retrainingOnRequestJudgesTheNewModelAgainstTheChampionOnTheSameWindowAndAnAdminChoosesTheChampion() {
        Answer trained = client.post("/models/supervised/train?as_of=" + AS_OF, ADMIN_KEY, "");

        assertThat(trained.status()).as(trained.body()).isEqualTo(200);
        JsonNode answer = trained.json();
        String verdict = answer.get("verdict").asString();
        assertThat(verdict).isIn("PROMOTED", "CHALLENGER");
        String version = answer.get("model").get("version").asString();
        assertThat(answer.get("model").get("labels_as_of").asString()).isEqualTo(AS_OF);
        assertThat(answer.get("model").get("role").asString())
                .isEqualTo(verdict.equals("PROMOTED") ? "CHAMPION" : "CHALLENGER");
        assertThat(answer.get("champion").get("version").asString()).isEqualTo(scheduled);
        assertThat(answer.get("champion").get("metrics").get("pr_auc").asDouble())
                .isBetween(0.0, 1.0);
        String notChampion = verdict.equals("PROMOTED") ? scheduled : version;

        Answer chosen = client.send(
                "PUT", "/models/supervised/active", ADMIN_KEY, "{\"model_version\": \"" + notChampion + "\"}");

        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.json().get("role").asString()).isEqualTo("CHAMPION");
        assertThat(chosen.json().get("activation").get("by").asString())
                .isNotBlank()
                .isNotEqualTo("scheduled retraining (txmon.retraining.cron)");
        JsonNode listed = client.get("/models/supervised", ANALYST_KEY).json();
        assertThat(StreamSupport.stream(listed.spliterator(), false)
                        .filter(m -> m.get("role").asString().equals("CHAMPION"))
                        .map(m -> m.get("version").asString()))
                .containsExactly(notChampion);

        Answer detected = client.post(
                "/detect",
                INGEST_KEY,
                ServiceBehaviour.transaction("after-the-choice", "acct-new", "42.00", "2026-01-30T12:00:00Z"));
        assertThat(detected.status()).as(detected.body()).isEqualTo(200);
        assertThat(detected.json().get("supervised_model_version").asString())
                .as("scoring follows the champion chosen")
                .isEqualTo(notChampion);
        assertThat(detected.json().get("fraud_probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(detected.body())
                .as("four decimals, as stored")
                .containsPattern("\"fraud_probability\":[01]\\.\\d{4}[,}]");

        Answer again = client.post(
                "/detect",
                INGEST_KEY,
                ServiceBehaviour.transaction("after-the-choice", "acct-new", "42.00", "2026-01-30T12:00:00Z"));
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("supervised_model_version").asString())
                .as("read back from the stored decision")
                .isEqualTo(notChampion);
        assertThat(again.json().get("fraud_probability"))
                .isEqualTo(detected.json().get("fraud_probability"));
    }

    @Test
    void anUnknownVersionIs404ABadAsOfIs400AndOnlyAdminsRetrainOrChoose() {
        Answer unknown =
                client.send("PUT", "/models/supervised/active", ADMIN_KEY, "{\"model_version\": \"sl-nosuchmodel\"}");
        Answer badAsOf = client.post("/models/supervised/train?as_of=yesterday", ADMIN_KEY, "");
        Answer future = client.post("/models/supervised/train?as_of=2999-01-01T00:00:00Z", ADMIN_KEY, "");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asString()).isEqualTo("model_version");
        assertThat(unknown.json().get("detail").asString()).isEqualTo("no model version sl-nosuchmodel is kept");
        assertThat(badAsOf.status()).isEqualTo(400);
        assertThat(badAsOf.json().get("field").asString()).isEqualTo("as_of");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("detail").asString()).contains("as-of must not be after now");
        assertThat(client.post("/models/supervised/train", ANALYST_KEY, "").status())
                .isEqualTo(403);
        assertThat(client.send("PUT", "/models/supervised/active", ANALYST_KEY, "{\"model_version\": \"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(client.get("/models/supervised", INGEST_KEY).status()).isEqualTo(403);
        assertThat(client.get("/models/supervised", null).status()).isEqualTo(401);
    }

    @Test
    void tooFewLabelsKnownAtAsOfIs409NamingTheLabels() {
        Answer early = client.post("/models/supervised/train?as_of=2026-01-02T00:00:00Z", ADMIN_KEY, "");

        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.json().get("field").asString()).isEqualTo("labels");
        assertThat(early.json().get("detail").asString()).startsWith("retraining needs at least 20 transactions");
    }

    private JsonNode version(String version) {
        JsonNode models = client.get("/models/supervised", ANALYST_KEY).json();
        return StreamSupport.stream(models.spliterator(), false)
                .filter(m -> m.get("version").asString().equals(version))
                .findFirst()
                .orElseThrow();
    }

    private static void run(String... args) {
        int exitCode = TxmonCommand.execute(args);
        if (exitCode != 0) {
            throw new IllegalStateException("txmon " + String.join(" ", args) + " ended with " + exitCode);
        }
    }
}
