package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.service.ServiceClient.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * The error contract as clients meet it, on the engine a subclass starts the service with: every 4xx is a problem
 * that names the field at fault and says what is wrong in the client's terms, and no input reaches the database in
 * a form it cannot store (PostgreSQL text holds no NUL, its timestamps end in the year 294276).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + ServiceClient.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
abstract class ErrorContractBehaviour {
    /** What no answer may show: Java, Jackson (its settings, its backquoted type names), SQL or driver internals. */
    static final Pattern INTERNALS = Pattern.compile(
            "java\\.|tools\\.jackson|com\\.fasterxml|Exception|at io\\.txmon|SQL|org\\.h2|org\\.postgresql"
                    + "|DeserializationFeature|FAIL_ON|StreamRead|StreamWrite|Constraints|`");

    @LocalServerPort
    int port;

    ServiceClient client;
    String prefix;

    @BeforeEach
    void connect() {
        client = new ServiceClient(port);
        prefix = "e" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    @Test
    void aNulOrOtherControlCharacterInAnAlertReviewIsA400NamingTheFieldAndTheAlertIsUnchanged() {
        String alert = "/alerts/" + alertId();

        Answer nulNote = client.send("PATCH", alert, ANALYST_KEY, "{\"note\": \"wire\\u0000fraud\"}");
        Answer bellAssignee = client.send("PATCH", alert, ANALYST_KEY, "{\"assignee\": \"ann\\u0007\"}");
        Answer escapeNote = client.send("PATCH", alert, ANALYST_KEY, "{\"note\": \"\\u001b[31mred\"}");

        assertProblem(nulNote, 400, "note");
        assertThat(nulNote.json().get("detail").asString()).contains("U+0000");
        assertProblem(bellAssignee, 400, "assignee");
        assertProblem(escapeNote, 400, "note");
        JsonNode detail = client.get(alert, ANALYST_KEY).json();
        assertThat(detail.get("history")).isEmpty();
        assertThat(detail.get("alert").get("assignee").isNull()).isTrue();
    }

    @Test
    void aNoteMayHoldTabsAndLineBreaks() {
        String alert = "/alerts/" + alertId();

        Answer noted =
                client.send("PATCH", alert, ANALYST_KEY, "{\"note\": \"called the payer\\n\\tno answer\\r\\nretry\"}");

        assertThat(noted.status()).as(noted.body()).isEqualTo(200);
        assertThat(noted.body()).contains("called the payer\\n\\tno answer");
    }

    @Test
    void aNulInAnyTextOfAJsonBodyIsA400NamingThatField() {
        Answer model = client.send("PUT", "/models/active", ADMIN_KEY, "{\"model_version\": \"v\\u0000\"}");
        Answer account = client.post("/accounts", ADMIN_KEY, """
                {"user_id": "%sa", "account_type": "PERSONAL\\u0000", "currency": "EUR", "opening_balance": 1}""".formatted(prefix));
        Answer currency = pay(prefix + "k1", """
                {"from_account": "a", "to_account": "b", "amount": 1, "currency": "EU\\u0000R"}""");

        assertProblem(model, 400, "model_version");
        assertProblem(account, 400, "account_type");
        assertProblem(currency, 400, "currency");
    }

    @Test
    void aNulInAQueryParameterIsA400NamingTheParameter() {
        Answer alerts = client.get("/alerts?user_id=a%00b", ANALYST_KEY);
        Answer spending = client.get("/analytics/spending/monthly?user_id=%00", ANALYST_KEY);

        assertProblem(alerts, 400, "user_id");
        assertProblem(spending, 400, "user_id");
    }

    /**
     * Tomcat refuses an encoded NUL in a path itself, with its own page, before Spring or the database see it; the
     * check of path variables in {@code FreeTextInput} holds for any other control character.
     */
    @Test
    void aControlCharacterInAPathVariableNeverReachesTheDatabase() {
        Answer nul = client.get("/accounts/a%00b", ANALYST_KEY);
        Answer escape = client.get("/accounts/a%1Bb/ledger", ANALYST_KEY);
        Answer bell = client.get("/payments/%07", ANALYST_KEY);

        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertProblem(escape, 400, "id");
        assertProblem(bell, 400, "id");
    }

    @Test
    void aRuleFileWithANulIsRefusedAndTheActiveRulesStay() {
        String before = client.get("/rules", ANALYST_KEY).json().get("version").asString();

        Answer refused = client.sendText("PUT", "/rules", ADMIN_KEY, "name: nul\u0000 # comment \u0000\nrules: []\n");

        assertProblem(refused, 400, "body");
        assertThat(client.get("/rules", ANALYST_KEY).json().get("version").asString())
                .isEqualTo(before);
    }

    @Test
    void queryInstantsOutsideTheEventTimeRangeAre400sNamingTheParameter() {
        Answer early = client.get("/transactions/count?from=0001-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", ANALYST_KEY);
        Answer late = client.get(
                "/anomalies/count?from=2026-01-01T00:00:00Z&to=" + encoded("+999999999-12-31T23:59:59Z"), ANALYST_KEY);
        Answer alerts = client.get("/alerts?from=" + encoded("-10000-01-01T00:00:00Z"), ANALYST_KEY);
        Answer hourly = client.get(
                "/analytics/hourly?from=" + encoded("+10000-01-01T00:00:00Z") + "&to="
                        + encoded("+10000-01-02T00:00:00Z"),
                ANALYST_KEY);
        Answer backtest = client.sendText(
                "POST", "/rules/backtest?to=" + encoded("+200000-01-01T00:00:00Z"), ADMIN_KEY, "name: x\nrules: []\n");

        assertProblem(early, 400, "from");
        assertProblem(late, 400, "to");
        assertProblem(alerts, 400, "from");
        assertProblem(hourly, 400, "from");
        assertProblem(backtest, 400, "to");
        assertThat(late.json().get("detail").asString()).contains("1900-01-01T00:00:00Z", "9999");
    }

    @Test
    void anIdempotencyKeyOfOtherThanVisibleAsciiIsA400NamingTheHeader() {
        Answer accented = rawPayment("clé-" + prefix);
        Answer spaced = pay("order " + prefix, payment());
        Answer tooLong = pay("k".repeat(256), payment());

        assertProblem(accented, 400, "Idempotency-Key");
        assertProblem(spaced, 400, "Idempotency-Key");
        assertProblem(tooLong, 400, "Idempotency-Key");
        assertThat(spaced.json().get("detail").asString()).contains("visible ASCII");
    }

    @Test
    void aBodyValueOfTheWrongTypeIsA400NamingTheFieldInTheClientsTerms() {
        Answer amount = pay(prefix + "k2", """
                {"from_account": "a", "to_account": "b", "amount": "abc", "currency": "EUR"}""");
        Answer balance = client.post("/accounts", ADMIN_KEY, """
                {"user_id": "%sb", "account_type": "PERSONAL", "currency": "EUR", "opening_balance": [1]}""".formatted(prefix));
        Answer note = client.send("PATCH", "/alerts/" + alertId(), ANALYST_KEY, "{\"note\": {\"text\": \"x\"}}");
        Answer model = client.send("PUT", "/models/active", ADMIN_KEY, "{\"model_version\": [\"v1\"]}");

        assertProblem(amount, 400, "amount");
        assertThat(amount.json().get("detail").asString()).isEqualTo("amount: must be a number, was \"abc\"");
        assertProblem(balance, 400, "opening_balance");
        assertThat(balance.json().get("detail").asString()).contains("must be a number");
        assertProblem(note, 400, "note");
        assertThat(note.json().get("detail").asString()).contains("must be text");
        assertProblem(model, 400, "model_version");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsA400NamingTheBody() {
        Answer notJson = pay(prefix + "k3", "pay bob ten euros");
        Answer truncated = client.post("/accounts", ADMIN_KEY, "{\"user_id\": \"x\", \"opening_balance\": 1");
        Answer array = client.send("PATCH", "/alerts/" + alertId(), ANALYST_KEY, "[{\"note\": \"x\"}]");
        Answer empty = client.post("/accounts", ADMIN_KEY, "");
        Answer text = client.send("PUT", "/models/active", ADMIN_KEY, "\"v1\"");

        for (Answer answer : new Answer[] {notJson, truncated, array, empty, text}) {
            assertProblem(answer, 400, "body");
        }
        assertThat(notJson.json().get("detail").asString()).contains("not valid JSON");
        assertThat(array.json().get("detail").asString()).contains("must be a JSON object");
    }

    @Test
    void aNumberBeyondAnyRangeIsA400NamingTheField() {
        Answer huge = client.post("/accounts", ADMIN_KEY, """
                {"user_id": "%sc", "account_type": "PERSONAL", "currency": "EUR", "opening_balance": 1e999999999}""".formatted(prefix));
        Answer infinite = pay(prefix + "k4", """
                {"from_account": "a", "to_account": "b", "amount": "NaN", "currency": "EUR"}""");

        assertProblem(huge, 400, "opening_balance");
        assertProblem(infinite, 400, "amount");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        Answer limit = client.get("/alerts?limit=many", ANALYST_KEY);
        Answer seed = client.send("POST", "/models/train?seed=1e3", ADMIN_KEY, null);

        assertProblem(limit, 400, "limit");
        assertThat(limit.json().get("detail").asString()).isEqualTo("limit: must be a whole number, was 'many'");
        assertProblem(seed, 400, "seed");
    }

    @Test
    void aBodyOfAnUnsupportedMediaTypeIsA415NamingTheContentType() {
        Answer yaml = client.exactly(
                "POST",
                "/payments",
                Map.of("X-API-Key", INGEST_KEY, "Content-Type", "application/yaml", "Idempotency-Key", prefix + "k5"),
                payment());

        assertProblem(yaml, 415, "Content-Type");
        assertThat(yaml.json().get("detail").asString()).contains("application/json");
    }

    @Test
    void aTypeErrorInARuleFileNamesTheRuleAndKeyAsAPath() {
        Answer weight = client.sendText("PUT", "/rules", ADMIN_KEY, """
                name: typed
                rules:
                  - id: first
                    reason_code: FIRST
                    description: one
                    weight: 0.5
                    enabled: true
                    condition: "amount > 1.0"
                  - id: second
                    reason_code: SECOND
                    description: two
                    weight: heavy
                    enabled: true
                    condition: "amount > 2.0"
                """);
        Answer enabled = client.sendText("PUT", "/rules", ADMIN_KEY, """
                name: typed
                decision:
                  block_at: [1]
                rules: []
                """);

        assertProblem(weight, 400, "rules[1].weight");
        assertThat(weight.json().get("detail").asString()).contains("must be a number, was the text 'heavy'");
        assertThat(weight.json().get("line").asInt()).isEqualTo(12);
        assertProblem(enabled, 400, "decision.block_at");
    }

    @Test
    void theOpenApiDocumentNamesRequestAndResponsePropertiesAsTheJsonDoes() {
        JsonNode schemas =
                client.get("/v3/api-docs", ANALYST_KEY).json().get("components").get("schemas");

        assertThat(schemas.get("TransactionRequest").get("properties").propertyNames())
                .contains("transaction_id", "user_id", "merchant_type")
                .doesNotContain("transactionId");
        assertThat(schemas.get("TransactionRequest").get("required").toString())
                .contains("transaction_id", "timestamp", "user_id", "amount");
        assertThat(schemas.get("PayRequest").get("properties").propertyNames())
                .contains("from_account", "to_account")
                .doesNotContain("fromAccount");
        assertThat(schemas.get("OpenRequest").get("properties").propertyNames())
                .contains("user_id", "opening_balance", "overdraft_limit");
        assertThat(schemas.get("DetectionResponse").get("properties").propertyNames())
                .contains("transaction_id", "risk_score")
                .doesNotContain("transactionId");
    }

    /** A problem of {@code status} naming {@code field}, that shows nothing internal. */
    static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
        JsonNode json = answer.json();
        assertThat(json.path("field").asString("")).as(answer.body()).isEqualTo(field);
        assertThat(json.path("detail").asString("")).as(answer.body()).isNotBlank();
        assertThat(INTERNALS.matcher(answer.body()).find()).as(answer.body()).isFalse();
    }

    private long alertId() {
        String user = prefix + "mule";
        Answer decided = client.post("/detect", INGEST_KEY, """
                {"transaction_id": "%sbig", "user_id": "%s", "amount": 50000, "type": "TRANSFER",
                 "counterparty_id": "%sx", "timestamp": "2026-01-14T03:00:00Z"}""".formatted(prefix, user, prefix));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        return client.get("/alerts?user_id=" + user, ANALYST_KEY)
                .json()
                .get(0)
                .get("alert_id")
                .asLong();
    }

    private String payment() {
        return """
                {"from_account": "%sa", "to_account": "%sb", "amount": 1, "currency": "EUR"}""".formatted(prefix, prefix);
    }

    private Answer pay(String key, String body) {
        return client.send("POST", "/payments", INGEST_KEY, body, Map.of("Idempotency-Key", key));
    }

    /**
     * A payment sent over a bare socket with its {@code Idempotency-Key} in UTF-8 bytes, as curl sends what it is
     * given: Java's HTTP client would turn every character past ASCII into '?'.
     */
    private Answer rawPayment(String key) {
        byte[] body = payment().getBytes(StandardCharsets.UTF_8);
        String head = "POST /payments HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-API-Key: " + INGEST_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\nIdempotency-Key: " + key + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String json = response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1);
            String contentType = response.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).strip())
                    .findFirst()
                    .orElse("");
            return new Answer(status, contentType, json, HttpHeaders.of(Map.of(), (a, b) -> true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
