package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A model's drift over real HTTP, on H2: a day of usual traffic it is trained on, then a day of amounts fifty times
 * larger. The drift of the active model is measured every second here (an hour by default), so that its gauges and
 * alert show within the test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "txmon.api-keys=" + ServiceClient.KEYS,
            "txmon.analytics.refresh-every=1h",
            "txmon.drift.refresh-every=1s"
        })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ModelDriftServiceIT {
    private static final String USUAL_DAY = "2031-06-01";
    private static final String LARGER_DAY = "2031-06-02";
    private static final String LARGER_WINDOW = "from=2031-06-02T00:00:00Z&to=2031-06-03T00:00:00Z";

    /** The model trained on the usual day, once for all the tests of this context. */
    private static String model;

    @LocalServerPort
    int port;

    ServiceClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-drift-h2");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }

    @BeforeEach
    void aModelTrainedOnAUsualDayThenADayOfMuchLargerAmounts() {
        client = new ServiceClient(port);
        if (model != null) {
            return;
        }
        detectADay(USUAL_DAY, 1);
        Answer trained = client.post(
                "/models/train?from=%sT00:00:00Z&to=%sT23:59:59Z".formatted(USUAL_DAY, USUAL_DAY), ADMIN_KEY, "");
        assertThat(trained.status()).as(trained.body()).isEqualTo(200);
        detectADay(LARGER_DAY, 50);
        model = trained.json().get("model_version").asString();
    }

    @Test
    void theDriftOfAModelNamesTheShiftedAmountAndTheScoreWithBothWindowsAndTheirCounts() {
        Answer answer = client.get("/models/" + model + "/drift?" + LARGER_WINDOW, ANALYST_KEY);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode drift = answer.json();
        assertThat(drift.get("model_version").asString()).isEqualTo(model);
        assertThat(drift.get("training").get("transactions").asLong()).isEqualTo(300);
        assertThat(Instant.parse(drift.get("training").get("from").asString()))
                .isEqualTo(Instant.parse(USUAL_DAY + "T00:00:00Z"));
        assertThat(drift.get("recent").get("transactions").asLong()).isEqualTo(300);
        assertThat(drift.get("recent").get("sampled").asLong()).isEqualTo(300);
        assertThat(drift.get("recent").get("from").asString()).isEqualTo("2031-06-02T00:00:00Z");
        JsonNode amount = input(drift, "log(amount)");
        assertThat(amount.get("feature").asString()).isEqualTo("amount");
        assertThat(amount.get("psi").asDouble()).isGreaterThan(1.0);
        assertThat(amount.get("verdict").asString()).isEqualTo("SHIFTED");
        assertThat(drift.get("score_psi").asDouble()).isGreaterThanOrEqualTo(0.25);
        assertThat(drift.get("score_verdict").asString()).isEqualTo("SHIFTED");
        assertThat(input(drift, "is_recent_city").get("verdict").asString()).isEqualTo("STABLE");
    }

    @Test
    void anUnknownModelIs404NamingModelVersionAndABadTimeIs400NamingItsParameter() {
        Answer unknown = client.get("/models/if-nosuchmodel/drift", ANALYST_KEY);
        Answer badFrom = client.get("/models/" + model + "/drift?from=yesterday", ANALYST_KEY);
        Answer backwards = client.get(
                "/models/" + model + "/drift?from=2031-06-02T00:00:00Z&to=2031-06-01T00:00:00Z", ANALYST_KEY);
        Answer empty = client.get(
                "/models/" + model + "/drift?from=2040-01-01T00:00:00Z&to=2040-01-02T00:00:00Z", ANALYST_KEY);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("field").asString()).isEqualTo("model_version");
        assertThat(unknown.json().get("detail").asString()).isEqualTo("no model version if-nosuchmodel is kept");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.json().get("field").asString()).isEqualTo("from");
        assertThat(badFrom.json().get("detail").asString()).contains("'yesterday'");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("field").asString()).isEqualTo("to");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("field").asString()).isEqualTo("from");
        assertThat(empty.json().get("detail").asString()).contains("holds no stored transactions");
    }

    @Test
    void analystsReadTheDriftAndKeysThatOnlyIngestMayNot() {
        assertThat(client.get("/models/" + model + "/drift?" + LARGER_WINDOW, INGEST_KEY)
                        .status())
                .isEqualTo(403);
        assertThat(client.get("/models/" + model + "/drift?" + LARGER_WINDOW, null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theActiveModelsDriftIsAPrometheusGaugePerInputAndForTheScoreAndItsShiftRaisesAnAlert(CapturedOutput output)
            throws InterruptedException {
        String input = "txmon_model_input_drift_psi{feature=\"log(amount)\",model_version=\"" + model + "\"}";
        String score = "txmon_model_score_drift_psi{model_version=\"" + model + "\"}";
        String alerts = "txmon_model_drift_alerts_total{model_version=\"" + model + "\"}";

        List<String> metrics = awaitMetrics(List.of(input, score, alerts), Duration.ofSeconds(30));

        assertThat(value(metrics, input)).isGreaterThan(1.0);
        assertThat(value(metrics, score)).isGreaterThanOrEqualTo(0.25);
        assertThat(value(metrics, alerts)).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics)
                .filteredOn(line -> line.startsWith("txmon_model_input_drift_psi{")
                        && line.contains("model_version=\"" + model + "\""))
                .as("one gauge per input of the model")
                .hasSize(17);
        String alert = "model " + model + " drifted: PSI at or over 0.25 for log(amount)";
        Instant giveUp = Instant.now().plusSeconds(30);
        // The alert is logged at every measurement for as long as the drift lasts: the next one shows here.
        while (!output.getAll().contains(alert) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
        }
        assertThat(output.getAll()).contains(alert);
    }

    private static JsonNode input(JsonNode drift, String name) {
        return StreamSupport.stream(drift.get("inputs").spliterator(), false)
                .filter(i -> i.get("input").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no input " + name + " in " + drift));
    }

    /** The lines of {@code /actuator/prometheus} once every one of {@code wanted} starts one. */
    private List<String> awaitMetrics(List<String> wanted, Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            List<String> lines = client.get("/actuator/prometheus", ANALYST_KEY)
                    .body()
                    .lines()
                    .toList();
            if (wanted.stream().allMatch(w -> lines.stream().anyMatch(line -> line.startsWith(w + " ")))) {
                return lines;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("after " + patience + " the metrics still lack one of " + wanted);
            }
            Thread.sleep(200);
        }
    }

    private static double value(List<String> lines, String series) {
        return lines.stream()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElseThrow();
    }

    /** 300 transactions of 30 accounts over the first hours of {@code day}, amounts {@code scale} times 10 to 106. */
    private void detectADay(String day, int scale) {
        for (int batch = 0; batch < 3; batch++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = batch * 100; i < batch * 100 + 100; i++) {
                body.append(i % 100 == 0 ? "" : ",")
                        .append(ServiceBehaviour.transaction(
                                day + "-" + i,
                                "acct" + (i % 30),
                                String.valueOf(scale * (10 + i % 97)),
                                "%sT%02d:%02d:00Z".formatted(day, i / 60, i % 60)));
            }
            Answer decided =
                    client.post("/detect/batch", INGEST_KEY, body.append(']').toString());
            assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        }
    }
}
