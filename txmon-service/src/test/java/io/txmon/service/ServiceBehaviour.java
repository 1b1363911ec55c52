package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.cli.TxmonCommand;
import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.Database;
import io.txmon.transaction.TransactionParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service as its clients see it, over real HTTP, on the engine a subclass starts it with. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + ServiceClient.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
abstract class ServiceBehaviour {
    @LocalServerPort
    int port;

    @Autowired
    Database database;

    ServiceClient client;
    String prefix;

    @BeforeEach
    void connect() {
        client = new ServiceClient(port);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    @Test
    void detectAnswersSeed001sRequestWithSeed001sFieldsAndStoresTheTransaction() {
        String id = prefix + "001";
        Answer answer = client.post("/detect", INGEST_KEY, """
                {"transaction_id": "%s", "user_id": "%suser", "amount": 5000, "location": "Mumbai",
                 "timestamp": "2026-01-14T15:00:00Z", "merchant_type": "electronics"}""".formatted(id, prefix));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("transaction_id").asString()).isEqualTo(id);
        assertThat(json.get("risk_score").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("risk_level").asString()).isIn("LOW", "MEDIUM", "HIGH");
        assertThat(json.get("recommendation").asString()).isIn("APPROVE", "REVIEW", "BLOCK");
        assertThat(json.get("reason_codes").isArray()).isTrue();
        assertThat(json.get("rule_set_version").asString()).isNotBlank();
        assertThat(json.get("duplicate").asBoolean()).isFalse();

        JsonNode account =
                client.get("/accounts/" + prefix + "user", ANALYST_KEY).json();
        assertThat(account.get("transactions").asLong()).isOne();
        assertThat(account.get("recent_decisions").get(0).get("transaction_id").asString())
                .isEqualTo(id);
        assertThat(account.get("recent_decisions").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("5000");
    }

    @Test
    void aTransactionNamingNoCurrencyIsStoredInTheDefaultBaseCurrencyAsTheCommandLineWouldStoreIt()
            throws SQLException {
        String id = prefix + "nocurrency";

        Answer answer =
                client.post("/detect", INGEST_KEY, transaction(id, prefix + "u", "12.50", "2026-01-15T10:00:00Z"));

        assertThat(answer.status()).isEqualTo(200);
        try (Connection connection = database.connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT currency FROM transactions WHERE transaction_id = ?")) {
            query.setString(1, id);
            try (ResultSet stored = query.executeQuery()) {
                assertThat(stored.next()).isTrue();
                assertThat(stored.getString(1))
                        .isEqualTo(TransactionParser.DEFAULT_BASE_CURRENCY_CODE)
                        .isEqualTo("USD");
            }
        }
    }

    @Test
    void aTransactionSentAgainIsAnsweredWithItsFirstDecisionAndMarkedDuplicate() {
        String body = transaction(prefix + "again", prefix + "u", "250.10", "2026-01-15T10:00:00Z");
        JsonNode first = client.post("/detect", INGEST_KEY, body).json();
        JsonNode again = client.post("/detect", INGEST_KEY, body).json();

        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("sequence_number").asLong())
                .isEqualTo(first.get("sequence_number").asLong());
        assertThat(again.get("risk_score").decimalValue())
                .isEqualTo(first.get("risk_score").decimalValue());
        assertThat(again.get("recommendation").asString())
                .isEqualTo(first.get("recommendation").asString());
    }

    @Test
    void aBatchIsDecidedInOrderAndABadItemRefusesItNamingItsPositionAndField() {
        String good = "[" + transaction(prefix + "b1", prefix + "u", "10", "2026-01-16T10:00:00Z") + ","
                + transaction(prefix + "b2", prefix + "u", "20", "2026-01-16T10:01:00Z") + "]";
        Answer decided = client.post("/detect/batch", INGEST_KEY, good);
        assertThat(decided.status()).isEqualTo(200);
        JsonNode answers = decided.json();
        assertThat(answers.size()).isEqualTo(2);
        assertThat(answers.get(1).get("sequence_number").asLong())
                .isGreaterThan(answers.get(0).get("sequence_number").asLong());

        String bad = "[" + transaction(prefix + "b3", prefix + "u", "10", "2026-01-16T10:02:00Z") + ","
                + transaction(prefix + "b4", prefix + "u", "ten", "2026-01-16T10:03:00Z") + "]";
        Answer refused = client.post("/detect/batch", INGEST_KEY, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("transactions[1].amount");
        assertThat(client.post(
                                "/detect",
                                INGEST_KEY,
                                transaction(prefix + "b3", prefix + "u", "10", "2026-01-16T10:02:00Z"))
                        .json()
                        .get("duplicate")
                        .asBoolean())
                .as("nothing of a refused batch was decided")
                .isFalse();
    }

    @Test
    void badInputIsA400ProblemDetailThatNamesTheFieldWithoutInternals() {
        Answer negative = client.post(
                "/detect", INGEST_KEY, transaction(prefix + "bad", prefix + "u", "-5", "2026-01-14T15:00:00Z"));
        Answer noTime = client.post("/detect", INGEST_KEY, """
                {"transaction_id": "%sx", "user_id": "u", "amount": 1}""".formatted(prefix));
        Answer notJson = client.post("/detect", INGEST_KEY, "{\"transaction_id\": ");
        Answer badRange = client.get("/transactions/count?from=yesterday&to=2026-01-01T00:00:00Z", ANALYST_KEY);
        Answer badLimit = client.get("/analytics/risk/merchants?limit=0", ANALYST_KEY);

        assertThat(List.of(negative, noTime, notJson, badRange, badLimit)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).doesNotContain("Exception", "at io.", "SELECT", "org.");
        });
        assertThat(negative.json().get("field").asString()).isEqualTo("amount");
        assertThat(negative.json().get("detail").asString()).isEqualTo("amount: must be greater than zero, was -5");
        assertThat(noTime.json().get("field").asString()).isEqualTo("timestamp");
        assertThat(notJson.json().get("field").asString()).isEqualTo("record");
        assertThat(badRange.json().get("field").asString()).isEqualTo("from");
        assertThat(badLimit.json().get("field").asString()).isEqualTo("limit");
    }

    @Test
    void everyEndpointButHealthNeedsAKeyAndEachItsRole() {
        record Call(String method, String path, String body, String allowed, String denied, int ok) {
            Call(String method, String path, String body, String allowed, String denied) {
                this(method, path, body, allowed, denied, 200);
            }
        }
        String payer = openAccount("payer", "10.00");
        String payee = openAccount("payee", "0");
        String tx = transaction(prefix + "sec", prefix + "u", "1", "2026-01-17T10:00:00Z");
        String range = "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";
        List<Call> calls = List.of(
                new Call("POST", "/detect", tx, INGEST_KEY, ANALYST_KEY),
                new Call("POST", "/detect/batch", "[" + tx + "]", INGEST_KEY, ANALYST_KEY),
                new Call("GET", "/transactions/count" + range, null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/anomalies/count" + range, null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/ingestion/status", null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/analytics/spending/monthly", null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/analytics/spending/yearly", null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/analytics/risk/accounts", null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/accounts/" + prefix + "u", null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/alerts", null, ANALYST_KEY, INGEST_KEY),
                new Call("GET", "/actuator/prometheus", null, ANALYST_KEY, INGEST_KEY),
                new Call("POST", "/accounts", account(prefix + "opened", "1"), ADMIN_KEY, INGEST_KEY, 201),
                new Call("POST", "/payments", payment(payer, payee, "1"), INGEST_KEY, ANALYST_KEY, 201),
                new Call("GET", "/payments/" + prefix + "none", null, INGEST_KEY, null, 404),
                new Call("GET", "/accounts/" + payer + "/ledger", null, ANALYST_KEY, INGEST_KEY));
        for (Call call : calls) {
            assertThat(client.send(call.method(), call.path(), null, call.body())
                            .status())
                    .as("%s %s without a key", call.method(), call.path())
                    .isEqualTo(401);
            assertThat(client.send(call.method(), call.path(), "not-a-key-of-this-service", call.body())
                            .status())
                    .as("%s %s with an unknown key", call.method(), call.path())
                    .isEqualTo(401);
            Map<String, String> headers =
                    Map.of("Idempotency-Key", UUID.randomUUID().toString());
            if (call.denied() != null) {
                Answer denied = client.send(call.method(), call.path(), call.denied(), call.body(), headers);
                assertThat(denied.status())
                        .as("%s %s without the role", call.method(), call.path())
                        .isEqualTo(403);
                assertThat(denied.contentType()).startsWith("application/problem+json");
            }
            assertThat(client.send(call.method(), call.path(), call.allowed(), call.body(), headers)
                            .status())
                    .as("%s %s with the role", call.method(), call.path())
                    .isEqualTo(call.ok());
        }
        assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(client.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        // The API's description and its pages hold no data: a browser opens them without a key (AccessControlIT).
        assertThat(client.get("/v3/api-docs", null).status()).isEqualTo(200);
        assertThat(client.get("/docs", null).status()).isEqualTo(302);
    }

    @Test
    void metricsCarrySeed001sNamesAfterADecision() {
        client.post("/detect", INGEST_KEY, transaction(prefix + "m", prefix + "u", "42", "2026-01-18T10:00:00Z"));

        String metrics = client.get("/actuator/prometheus", ANALYST_KEY).body();

        assertThat(metrics)
                .contains("transactions_processed_total{risk_level=\"")
                .contains("scoring_latency_seconds_bucket")
                .contains("scoring_latency_seconds_count")
                .contains("alerts_opened_total")
                .contains("hikaricp_connections")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void countsOverATimeRangeSeeEveryStoredTransactionInIt() {
        String user = prefix + "counted";
        Answer before = client.get("/transactions/count?from=2030-03-01T00:00:00Z&to=2030-03-02T00:00:00Z", ADMIN_KEY);
        for (int i = 0; i < 3; i++) {
            client.post(
                    "/detect", INGEST_KEY, transaction(prefix + "c" + i, user, "15", "2030-03-01T0" + i + ":00:00Z"));
        }
        client.post("/detect", INGEST_KEY, transaction(prefix + "c9", user, "15", "2030-03-02T00:00:00Z"));

        Answer after = client.get("/transactions/count?from=2030-03-01T00:00:00Z&to=2030-03-02T00:00:00Z", ADMIN_KEY);

        assertThat(after.json().get("transactions").asLong()
                        - before.json().get("transactions").asLong())
                .isEqualTo(3);
        assertThat(client.get("/anomalies/count?from=2030-03-01T00:00:00Z&to=2030-03-02T00:00:00Z", ADMIN_KEY)
                        .status())
                .isEqualTo(200);
        JsonNode status = client.get("/ingestion/status", ANALYST_KEY).json();
        assertThat(status.get("runs").get(0).get("source").asString()).isEqualTo("http-api");
        assertThat(status.get("runs").get(0).get("status").asString()).isEqualTo("RUNNING");
    }

    @Test
    void swaggerUiAndRedocShowTheSameOpenApiDocument() {
        Answer document = client.get("/v3/api-docs", ANALYST_KEY);
        Answer docs = client.get("/docs", ANALYST_KEY);
        Answer swagger = client.get("/swagger-ui/index.html", ANALYST_KEY);
        Answer redoc = client.get("/redoc", ANALYST_KEY);

        assertThat(document.json().get("paths").has("/detect")).isTrue();
        assertThat(document.json().get("paths").has("/detect/batch")).isTrue();
        assertThat(document.json().get("paths").has("/transactions/count")).isTrue();
        assertThat(docs.status()).as("/docs leads to Swagger UI").isEqualTo(302);
        assertThat(swagger.status()).isEqualTo(200);
        assertThat(redoc.status()).isEqualTo(200);
        assertThat(redoc.body()).contains("spec-url=\"/v3/api-docs\"");
        assertThat(client.get("/webjars/redoc/2.1.5/redoc.standalone.js", ANALYST_KEY)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAnalystWorksAnAlertFromTheQueueToAClosedTruePositiveAndEveryStepIsRecorded() {
        String user = prefix + "mule";
        JsonNode decided = client.post("/detect", INGEST_KEY, """
                        {"transaction_id": "%sbig", "user_id": "%s", "amount": 50000, "type": "TRANSFER",
                         "counterparty_id": "%sx", "timestamp": "2026-01-14T03:00:00Z"}""".formatted(prefix, user, prefix))
                .json();
        assertThat(decided.get("recommendation").asString()).isNotEqualTo("APPROVE");

        JsonNode queue = client.get("/alerts?status=OPEN&reason=HIGH_AMOUNT&user_id=" + user, ANALYST_KEY)
                .json();
        assertThat(queue.size()).isOne();
        long id = queue.get(0).get("alert_id").asLong();
        String alert = "/alerts/" + id;
        assertThat(queue.get(0).get("transaction_id").asString()).isEqualTo(prefix + "big");

        assertThat(client.send("PATCH", alert, INGEST_KEY, "{\"status\": \"IN_REVIEW\"}")
                        .status())
                .isEqualTo(403);
        assertThat(client.send("PATCH", alert, ANALYST_KEY, "{\"status\": \"IN_REVIEW\", \"assignee\": \"ana\"}")
                        .json()
                        .get("alert")
                        .get("status")
                        .asString())
                .isEqualTo("IN_REVIEW");
        Answer noLabel = client.send("PATCH", alert, ANALYST_KEY, "{\"status\": \"CLOSED\"}");
        assertThat(noLabel.status()).isEqualTo(400);
        assertThat(noLabel.json().get("field").asString()).isEqualTo("label");
        JsonNode closed = client.send("PATCH", alert, ANALYST_KEY, """
                        {"status": "CLOSED", "label": "TRUE_POSITIVE", "note": "money mule, confirmed"}""").json();
        Answer reopened = client.send("PATCH", alert, ANALYST_KEY, "{\"status\": \"ESCALATED\"}");

        assertThat(closed.get("alert").get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("alert").get("label").asString()).isEqualTo("TRUE_POSITIVE");
        assertThat(closed.get("alert").get("assignee").asString()).isEqualTo("ana");
        assertThat(closed.get("notes").asString()).contains("money mule, confirmed");
        assertThat(reopened.status()).isEqualTo(400);
        assertThat(reopened.json().get("field").asString()).isEqualTo("status");
        JsonNode history = client.get(alert, ANALYST_KEY).json().get("history");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("to_status").asString()).isEqualTo("IN_REVIEW");
        assertThat(history.get(1).get("label").asString()).isEqualTo("TRUE_POSITIVE");
        assertThat(history.get(1).get("actor").asString()).startsWith("api-key-");
        assertThat(client.get("/alerts?status=OPEN&user_id=" + user, ANALYST_KEY)
                        .json()
                        .size())
                .isZero();
        JsonNode precision = client.get("/alerts/precision", ANALYST_KEY).json();
        assertThat(precision.get(0).get("reason_code").asString()).isEqualTo("ALL");
        assertThat(precision.get(0).get("true_positives").asLong()).isPositive();
        assertThat(precision.findValuesAsString("reason_code")).contains("HIGH_AMOUNT");
        assertThat(client.get("/alerts?status=SHUT", ANALYST_KEY)
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("status");
        assertThat(client.get("/alerts/999999999", ANALYST_KEY).status()).isEqualTo(404);
    }

    @Test
    void anAdminReplacesTheRulesWhichDecideWhatArrivesNextAndABadRuleFileChangesNothing() {
        JsonNode active = client.get("/rules", ANALYST_KEY).json();
        String original = active.get("rule_file").asString();
        String version = active.get("version").asString();
        String stricter = original.replaceFirst("high_amount: 10000", "high_amount: 5")
                .replaceFirst("name: ([\\w-]+)", "name: $1-stricter");
        String broken = original.replaceFirst("high_amount: 10000", "high_amount: ten thousand");

        assertThat(client.sendText("PUT", "/rules", ANALYST_KEY, stricter).status())
                .isEqualTo(403);
        Answer refused = putRules(broken);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().has("line")).isTrue();
        assertThat(client.get("/rules", ANALYST_KEY).json().get("version").asString())
                .isEqualTo(version);

        try {
            Answer replaced = putRules(stricter);
            assertThat(replaced.status()).isEqualTo(200);
            String next = replaced.json().get("version").asString();
            assertThat(next).isNotEqualTo(version);
            JsonNode decided = client.post(
                            "/detect",
                            INGEST_KEY,
                            transaction(prefix + "r1", prefix + "u", "20", "2026-01-19T12:00:00Z"))
                    .json();
            assertThat(decided.get("rule_set_version").asString()).isEqualTo(next);
            assertThat(decided.get("reason_codes").toString()).contains("HIGH_AMOUNT");
            JsonNode versions = client.get("/rules/versions", ANALYST_KEY).json();
            assertThat(versions.findValuesAsString("version")).contains(version, next);
        } finally {
            assertThat(putRules(original).json().get("version").asString()).isEqualTo(version);
        }
    }

    @Test
    void aBacktestReportsWhatACandidateWouldFlagNextToTheActiveRules() {
        client.post("/detect", INGEST_KEY, transaction(prefix + "bt", prefix + "u", "20", "2026-01-20T12:00:00Z"));
        String original =
                client.get("/rules", ANALYST_KEY).json().get("rule_file").asString();
        // A limit of 5 for every amount, however usual for the population the active model learned.
        String candidate = original.replaceFirst("high_amount: 10000", "high_amount: 5")
                .replaceFirst("unusual_share: 0.99", "unusual_share: 0")
                .replaceFirst("name: ([\\w-]+)", "name: $1-candidate");

        Answer denied = client.sendText("POST", "/rules/backtest", ANALYST_KEY, candidate);
        Answer report = client.sendText(
                "POST", "/rules/backtest?from=2026-01-20T00:00:00Z&to=2026-01-21T00:00:00Z", ADMIN_KEY, candidate);

        assertThat(denied.status()).isEqualTo(403);
        assertThat(report.status()).isEqualTo(200);
        JsonNode json = report.json();
        assertThat(json.get("transactions").asLong()).isPositive();
        assertThat(json.get("candidate").get("flagged").asLong())
                .isGreaterThanOrEqualTo(json.get("active").get("flagged").asLong());
        assertThat(json.get("candidate").get("flagged_by_reason").has("HIGH_AMOUNT"))
                .isTrue();
        assertThat(json.get("active").get("rule_set_version").asString())
                .isEqualTo(
                        client.get("/rules", ANALYST_KEY).json().get("version").asString());
    }

    @Test
    void anAdminTrainsAModelOnStoredHistoryAndScoringUsesItFromTheNextTransactionAndChoosingItIsRecorded() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            if (batch.length() > 1) {
                batch.append(',');
            }
            batch.append(transaction(
                    prefix + "m" + i,
                    prefix + "acct" + (i % 30),
                    String.valueOf(10 + i % 97),
                    "2031-05-01T%02d:%02d:00Z".formatted(i / 60, i % 60)));
            if (i % 100 == 99) {
                assertThat(client.post(
                                        "/detect/batch",
                                        INGEST_KEY,
                                        batch.append(']').toString())
                                .status())
                        .isEqualTo(200);
                batch = new StringBuilder("[");
            }
        }
        String window = "?from=2031-05-01T00:00:00Z&to=2031-05-02T00:00:00Z";

        assertThat(client.post("/models/train" + window, ANALYST_KEY, "").status())
                .isEqualTo(403);
        Answer trained = client.post("/models/train" + window, ADMIN_KEY, "");
        assertThat(trained.status()).isEqualTo(200);
        String version = trained.json().get("model_version").asString();
        assertThat(trained.json().get("training_transactions").asLong()).isEqualTo(300);
        assertThat(client.get("/models", ANALYST_KEY).json().findValuesAsString("version"))
                .contains(version);
        JsonNode decided = client.post(
                        "/detect",
                        INGEST_KEY,
                        transaction(prefix + "after", prefix + "acct1", "12", "2031-05-02T10:00:00Z"))
                .json();
        assertThat(decided.get("model_version").asString()).isEqualTo(version);

        Answer unknown = client.send("PUT", "/models/active", ADMIN_KEY, "{\"model_version\": \"if-nosuchmodel\"}");
        Answer chosen = client.send("PUT", "/models/active", ADMIN_KEY, "{\"model_version\": \"" + version + "\"}");
        Answer missing = client.send("PUT", "/models/active", ADMIN_KEY, "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("no model version if-nosuchmodel is kept");
        assertThat(chosen.status()).isEqualTo(200);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("model_version");
        JsonNode active = client.get("/models", ANALYST_KEY).json().get(0);
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("activation").get("by").asString()).isNotBlank();
        assertThat(Instant.parse(active.get("activation").get("at").asString()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWith413WhetherItsLengthIsDeclaredOrItComesInChunks() {
        String huge = "[" + ",".repeat(2 * 1024 * 1024) + "]";

        Answer declared = client.post("/detect/batch", INGEST_KEY, huge);
        Answer chunked = client.postChunked("/detect/batch", INGEST_KEY, huge);

        assertThat(declared.status()).isEqualTo(413);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.contentType()).startsWith("application/problem+json");
    }

    private Answer putRules(String ruleFile) {
        return client.sendText("PUT", "/rules", ADMIN_KEY, ruleFile);
    }

    @Test
    void anUnknownAccountIsA404ProblemDetailAndAPathNoRuleNamesIsRefused() {
        Answer path = client.get("/no/such/path", ANALYST_KEY);
        Answer account = client.get("/accounts/" + prefix + "nobody", ANALYST_KEY);

        assertThat(path.status()).as("whatever no rule names is refused").isEqualTo(403);
        assertThat(path.contentType()).startsWith("application/problem+json");
        assertThat(account.status()).isEqualTo(404);
        assertThat(account.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aPaymentIsScreenedPostedOnceWhateverItsRetriesAndItsLedgerAndBalanceShowIt() {
        String alice = openAccount("alice", "250.00");
        String bob = openAccount("bob", "0");
        String key = UUID.randomUUID().toString();
        String body = payment(alice, bob, "\"100.10\"");

        Answer paid = pay(key, body);
        Answer again = pay(key, payment(alice, bob, "100.1"));
        Answer reused = pay(key, payment(alice, bob, "99"));

        assertThat(paid.status()).isEqualTo(201);
        JsonNode payment = paid.json();
        assertThat(payment.get("status").asString()).isEqualTo("POSTED");
        assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("100.10");
        assertThat(payment.get("decision").get("recommendation").asString()).isEqualTo("APPROVE");
        assertThat(payment.get("decision").get("risk_level").asString()).isNotBlank();
        assertThat(paid.header("Location"))
                .isEqualTo("/payments/" + payment.get("payment_id").asString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("payment_id")).isEqualTo(payment.get("payment_id"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("field").asString()).isEqualTo("Idempotency-Key");

        JsonNode account = client.get("/accounts/" + alice, ANALYST_KEY).json();
        assertThat(account.get("balance").decimalValue()).isEqualByComparingTo("149.90");
        assertThat(account.get("currency").asString()).isEqualTo("EUR");
        assertThat(account.get("user_id").asString()).isEqualTo(alice);
        assertThat(account.has("risk_score")).isTrue();
        assertThat(account.get("transactions").asLong()).isOne();
        JsonNode ledger =
                client.get("/accounts/" + bob + "/ledger", ANALYST_KEY).json();
        assertThat(ledger.get("balance").decimalValue()).isEqualByComparingTo("100.10");
        assertThat(ledger.get("entries")).singleElement().satisfies(entry -> {
            assertThat(entry.get("amount").decimalValue()).isEqualByComparingTo("100.10");
            assertThat(entry.get("balance_after").decimalValue()).isEqualByComparingTo("100.10");
            assertThat(entry.get("counterparty").asString()).isEqualTo(alice);
        });
        Answer looked = client.get("/payments/" + payment.get("payment_id").asString(), INGEST_KEY);
        assertThat(looked.status()).isEqualTo(200);
        assertThat(looked.json().get("status").asString()).isEqualTo("POSTED");
    }

    @Test
    void aPaymentScreeningSendsToReviewIsHeldUntilAnAnalystReleasesItThroughItsAlert() {
        String alice = openAccount("alice", "50000.00");
        String bob = openAccount("bob", "0");

        Answer held = pay(UUID.randomUUID().toString(), payment(alice, bob, "12000"));

        assertThat(held.status()).isEqualTo(201);
        assertThat(held.json().get("status").asString()).isEqualTo("HELD");
        assertThat(held.json().get("reason").asString())
                .startsWith("held for review: ")
                .contains("HIGH_AMOUNT");
        JsonNode payer = client.get("/accounts/" + alice, ANALYST_KEY).json();
        assertThat(payer.get("balance").decimalValue()).isEqualByComparingTo("50000.00");
        assertThat(payer.get("risk_score").decimalValue())
                .as("the payer's risk is that of its payment's decision")
                .isEqualByComparingTo(
                        held.json().get("decision").get("risk_score").decimalValue())
                .isPositive();
        String transactionId = held.json().get("decision").get("transaction_id").asString();
        JsonNode alert = null;
        for (JsonNode candidate :
                client.get("/alerts?user_id=" + alice, ANALYST_KEY).json()) {
            if (candidate.get("transaction_id").asString().equals(transactionId)) {
                alert = candidate;
            }
        }
        assertThat(alert).as("the held payment's alert").isNotNull();

        Answer closed = client.send(
                "PATCH",
                "/alerts/" + alert.get("alert_id").asLong(),
                ANALYST_KEY,
                "{\"status\": \"CLOSED\", \"label\": \"FALSE_POSITIVE\", \"note\": \"known supplier\"}");

        assertThat(closed.status()).isEqualTo(200);
        JsonNode released = client.get(
                        "/payments/" + held.json().get("payment_id").asString(), ANALYST_KEY)
                .json();
        assertThat(released.get("status").asString()).isEqualTo("POSTED");
        assertThat(released.get("settled_by").asString()).startsWith("api-key-");
        assertThat(client.get("/accounts/" + bob, ANALYST_KEY)
                        .json()
                        .get("balance")
                        .decimalValue())
                .isEqualByComparingTo("12000");
    }

    @Test
    void badPaymentsAndAccountsAre4xxProblemsNamingTheFieldAndNothingIsPosted() {
        String alice = openAccount("alice", "100.00");
        String bob = openAccount("bob", "0");
        record Bad(String key, String body, int status, String field) {}
        List<Bad> bad = List.of(
                new Bad("k1", payment(alice, prefix + "nobody", "1"), 400, "to_account"),
                new Bad("k2", payment(alice, alice, "1"), 400, "to_account"),
                new Bad("k3", payment(alice, bob, "0"), 400, "amount"),
                new Bad("k4", payment(alice, bob, "-3.00"), 400, "amount"),
                new Bad("k5", payment(alice, bob, "1.001"), 400, "amount"),
                new Bad("k6", payment(alice, bob, "\"ten\""), 400, "amount"),
                new Bad("k7", payment(alice, bob, "1").replace("EUR", "USD"), 400, "currency"),
                new Bad("k8", payment(alice, bob, "1").replace("EUR", "EURO"), 400, "currency"),
                new Bad(null, payment(alice, bob, "1"), 400, "Idempotency-Key"));
        for (Bad one : bad) {
            Answer answer = one.key() == null
                    ? client.post("/payments", INGEST_KEY, one.body())
                    : pay(prefix + one.key(), one.body());
            assertThat(answer.status()).as(one.body()).isEqualTo(one.status());
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("field").asString()).as(one.body()).isEqualTo(one.field());
            assertThat(answer.body()).doesNotContain("Exception", "at io.", "SELECT", "java.");
        }
        Answer twice = client.post("/accounts", ADMIN_KEY, account(alice, "1"));
        Answer badType = client.post(
                "/accounts", ADMIN_KEY, account(prefix + "carol", "1").replace("PERSONAL", "X"));

        assertThat(twice.status()).isEqualTo(409);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("field").asString()).isEqualTo("account_type");
        assertThat(client.get("/accounts/" + alice, ANALYST_KEY)
                        .json()
                        .get("balance")
                        .decimalValue())
                .isEqualByComparingTo("100.00");
        assertThat(client.get("/accounts/" + alice + "/ledger", ANALYST_KEY)
                        .json()
                        .get("entries"))
                .isEmpty();
    }

    @Test
    void theCommandLinePaysThroughTheServiceWithAnExitCodePerOutcomeAndARetryPaysOnce() {
        String alice = openAccount("alice", "30.00");
        String bob = openAccount("bob", "0");
        String url = "http://127.0.0.1:" + port;

        PayRun posted = PayRun.of(url, alice, bob, "20.00", prefix + "cli-1");
        PayRun retried = PayRun.of(url, alice, bob, "20", prefix + "cli-1");
        PayRun short_ = PayRun.of(url, alice, bob, "20.00", prefix + "cli-2");
        PayRun unknown = PayRun.of(url, alice, prefix + "x", "1", prefix + "cli-3");
        PayRun noService = PayRun.of("http://127.0.0.1:1", alice, bob, "1", prefix + "cli-4");

        assertThat(posted.exitCode()).as(posted.err()).isZero();
        assertThat(posted.answer().get("status").asString()).isEqualTo("POSTED");
        assertThat(retried.exitCode()).isZero();
        assertThat(retried.answer().get("payment_id")).isEqualTo(posted.answer().get("payment_id"));
        assertThat(short_.exitCode()).isEqualTo(4);
        assertThat(short_.answer().get("reason").asString()).startsWith("insufficient funds");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("to_account: no account " + prefix + "x");
        assertThat(noService.exitCode()).isEqualTo(5);
        assertThat(client.get("/accounts/" + alice, ANALYST_KEY)
                        .json()
                        .get("balance")
                        .decimalValue())
                .isEqualByComparingTo("10.00");
    }

    /** One run of {@code bin/txmon pay}, with what it printed. */
    record PayRun(int exitCode, String out, String err) {
        /** The answer it printed: the service's own log lines share this test's standard output. */
        JsonNode answer() {
            String line = out.lines()
                    .filter(printed -> printed.startsWith("{\"payment_id\""))
                    .reduce((first, last) -> last)
                    .orElseThrow(() -> new AssertionError("no answer printed: " + out + err));
            return JsonMapper.builder().build().readTree(line);
        }

        /** {@code bin/txmon pay} of {@code amount} with an ingesting key, as a script would run it. */
        static synchronized PayRun of(String url, String from, String to, String amount, String key) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ByteArrayOutputStream complained = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(complained, true, StandardCharsets.UTF_8));
                String[] args = {
                    "pay",
                    "--url",
                    url,
                    "--api-key",
                    INGEST_KEY,
                    "--from",
                    from,
                    "--to",
                    to,
                    "--amount",
                    amount,
                    "--key",
                    key
                };
                int exitCode = TxmonCommand.execute(args);
                return new PayRun(
                        exitCode,
                        printed.toString(StandardCharsets.UTF_8),
                        complained.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    private String openAccount(String name, String balance) {
        String id = prefix + name;
        Answer opened = client.post("/accounts", ADMIN_KEY, account(id, balance));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return id;
    }

    private Answer pay(String key, String body) {
        return client.send("POST", "/payments", INGEST_KEY, body, Map.of("Idempotency-Key", key));
    }

    static String account(String id, String balance) {
        return """
                {"user_id": "%s", "account_type": "PERSONAL", "currency": "EUR", "opening_balance": %s}""".formatted(id, balance);
    }

    static String payment(String from, String to, String amount) {
        return """
                {"from_account": "%s", "to_account": "%s", "amount": %s, "currency": "EUR"}""".formatted(from, to, amount);
    }

    @Test
    void labelsPostedAreRecordedOnceWithTheKeysNameAndTheSameBatchAgainRecordsNothing() throws SQLException {
        String stored = prefix + "labelled";
        assertThat(client.post("/detect", INGEST_KEY, transaction(stored, prefix + "u", "75", "2026-01-17T10:00:00Z"))
                        .status())
                .isEqualTo(200);
        String labels = """
                [{"transaction_id": "%s", "label": 1, "typology": "card testing", "labelled_at": "2026-01-20T09:00:00Z"},
                 {"transaction_id": "%sarrives-later", "label": "false"}]""".formatted(stored, prefix);

        Answer first = client.post("/labels", ANALYST_KEY, labels);
        Answer again = client.post("/labels", ANALYST_KEY, labels);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("received").asInt()).isEqualTo(2);
        assertThat(first.json().get("recorded").asInt()).isEqualTo(2);
        assertThat(first.json().get("already_recorded").asInt()).isZero();
        assertThat(again.json().get("recorded").asInt()).isZero();
        assertThat(again.json().get("already_recorded").asInt()).isEqualTo(2);
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT source, recorded_by, typology FROM labels WHERE transaction_id = ?")) {
            query.setString(1, stored);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("API");
                assertThat(rs.getString(2)).startsWith("api-key-");
                assertThat(rs.getString(3)).isEqualTo("card testing");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aBadLabelRefusesTheWholeRequestNamingItsPositionAndField() throws SQLException {
        String stored = prefix + "early";
        assertThat(client.post("/detect", INGEST_KEY, transaction(stored, prefix + "u", "75", "2026-01-17T10:00:00Z"))
                        .status())
                .isEqualTo(200);
        String good = "{\"transaction_id\": \"" + prefix + "fine\", \"label\": 1}";

        Answer typed = client.post(
                "/labels",
                ANALYST_KEY,
                "[" + good + ", {\"transaction_id\": \"x\", \"label\": 0, \"typology\": \"mule\"}]");
        Answer undated = client.post(
                "/labels",
                ANALYST_KEY,
                "[" + good + ", {\"transaction_id\": \"x\", \"label\": 1, \"labelled_at\": \"soon\"}]");
        Answer early = client.post(
                "/labels",
                ANALYST_KEY,
                "[" + good + ", {\"transaction_id\": \"" + stored
                        + "\", \"label\": 1, \"labelled_at\": \"2026-01-17T09:00:00Z\"}]");
        Answer notAnArray = client.post("/labels", ANALYST_KEY, good);

        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.contentType()).startsWith("application/problem+json");
        assertThat(typed.json().get("field").asString()).isEqualTo("labels[1].typology");
        assertThat(undated.json().get("field").asString()).isEqualTo("labels[1].labelled_at");
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().get("field").asString()).isEqualTo("labels[1].labelled_at");
        assertThat(early.json().get("detail").asString()).contains("must not be before the transaction");
        assertThat(notAnArray.json().get("field").asString()).isEqualTo("labels");
        try (Connection connection = database.connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT COUNT(*) FROM labels WHERE transaction_id = ?")) {
            query.setString(1, prefix + "fine");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("nothing of a refused request was recorded")
                        .isZero();
            }
        }
    }

    @Test
    void onlyAnAnalystMayPostLabels() {
        String body = "[{\"transaction_id\": \"" + prefix + "x\", \"label\": 1}]";

        assertThat(client.post("/labels", INGEST_KEY, body).status()).isEqualTo(403);
        assertThat(client.post("/labels", null, body).status()).isEqualTo(401);
    }

    static String transaction(String id, String user, String amount, String time) {
        return """
                {"transaction_id": "%s", "user_id": "%s", "amount": %s, "timestamp": "%s"}""".formatted(id, user, amount.matches("[0-9.-]+") ? amount : "\"" + amount + "\"", time);
    }
}
