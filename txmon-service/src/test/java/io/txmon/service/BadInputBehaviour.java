package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.formats.rules.RuleFile;
import io.txmon.rules.RuleSet;
import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.Database;
import io.txmon.storage.StoredRuleSets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * No request, and no rule set kept in the database, can stop the service: each is refused alone, naming the field,
 * and the next request is served. The subclass's database holds, before the service starts, a good rule set and,
 * active after it, one that no longer loads, and an account state that cannot be read.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + ServiceClient.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
abstract class BadInputBehaviour {
    static final RuleSet GOOD = RuleFile.defaults();
    static final String BAD_VERSION = "0123456789abcdef";
    static final String UNREADABLE_ACCOUNT = "unreadable-account";

    @LocalServerPort
    int port;

    ServiceClient client;
    String prefix;

    @BeforeEach
    void connect() {
        client = new ServiceClient(port);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    /**
     * Keeps the good rule set, then activates one whose reason code is longer than a decision can store; and keeps
     * an account state that cannot be read.
     */
    static void keepABadRuleSetAfterAGoodOne(String url) throws SQLException {
        Database database = Database.open(url);
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO account_states (account_id, state, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, UNREADABLE_ACCOUNT);
            insert.setBytes(2, new byte[] {99, 1, 2, 3});
            insert.setObject(3, OffsetDateTime.parse("2026-01-01T00:00:00Z"));
            insert.executeUpdate();
        }
        StoredRuleSets stored = new StoredRuleSets(database);
        Instant then = Instant.parse("2026-01-01T00:00:00Z");
        stored.saveAndActivate(
                GOOD.version(), GOOD.name(), RuleFile.format(GOOD.definition()), GOOD.size(), "test", then);
        String bad = """
                name: too-long
                rules:
                  - id: HUGE
                    reason_code: %s
                    description: fires on everything
                    weight: 1
                    enabled: true
                    condition: amount > 0
                """.formatted("A".repeat(5_000));
        stored.saveAndActivate(BAD_VERSION, "too-long", bad, 1, "test", then.plusSeconds(60));
    }

    @Test
    void startsWithTheRuleSetBeforeAnActiveOneThatNoLongerLoadsAndSaysWhy() {
        JsonNode rules = client.get("/rules", ANALYST_KEY).json();

        assertThat(rules.get("version").asString()).isEqualTo(GOOD.version());
        assertThat(rules.get("startup_fallback").asString())
                .contains(BAD_VERSION)
                .contains("reason_code: is 5000 characters long")
                .contains(GOOD.version());
        JsonNode versions = client.get("/rules/versions", ANALYST_KEY).json();
        for (JsonNode version : versions) {
            assertThat(version.get("active").asBoolean())
                    .as(version.get("version").asString())
                    .isEqualTo(version.get("version").asString().equals(GOOD.version()));
        }
        assertThat(detect(prefix + "after", "2026-01-14T15:00:00Z").status()).isEqualTo(200);
    }

    @Test
    void anEventTimePastTheYear9999OrBefore1900IsA400NamingTimestampAndTheNextTransactionIsDecided() {
        for (String time :
                List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1899-12-31T23:59:59Z")) {
            Answer refused = detect(prefix + "far", time);
            assertThat(refused.status()).as(time).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isEqualTo("timestamp");
        }
        Answer batch = client.post(
                "/detect/batch",
                INGEST_KEY,
                "[" + ServiceBehaviour.transaction(prefix + "b1", prefix + "u", "5", "+999999999-12-31T23:59:59Z")
                        + "]");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.json().get("field").asString()).isEqualTo("transactions[0].timestamp");

        assertThat(detect(prefix + "near", "2026-01-14T15:00:00Z").status()).isEqualTo(200);
        assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void aTransactionThatAloneCannotBeDecidedIsA500ForItsRequestOnlyAndTheNextIsDecided() {
        Answer failed = client.post("/detect", INGEST_KEY, """
                {"transaction_id": "%sx", "user_id": "%su", "amount": 5, "timestamp": "2026-01-14T15:00:00Z",
                 "type": "TRANSFER", "counterparty_id": "%s"}""".formatted(prefix, prefix, UNREADABLE_ACCOUNT));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(detect(prefix + "next", "2026-01-14T15:01:00Z").status()).isEqualTo(200);
        assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void idsThatAreNotIdentifiersAreA400NamingTheField() {
        Answer transaction = client.post(
                "/detect",
                INGEST_KEY,
                ServiceBehaviour.transaction(prefix + "x", prefix + "<u>", "5", "2026-01-14T15:00:00Z"));
        assertThat(transaction.status()).isEqualTo(400);
        assertThat(transaction.json().get("field").asString()).isEqualTo("user_id");

        Answer payment = client.send(
                "POST",
                "/payments",
                INGEST_KEY,
                ServiceBehaviour.payment(prefix + "a b", prefix + "c", "1"),
                Map.of("Idempotency-Key", prefix + "k"));
        assertThat(payment.status()).isEqualTo(400);
        assertThat(payment.json().get("field").asString()).isEqualTo("from_account");
    }

    @Test
    void anAccountIdThatIsNotAnIdentifierIsRefusedBeforeAnyAccountIsOpened() {
        for (String bad : List.of(" ", "\\\"", "<", "{", "#", "\\n", "\\u0000")) {
            String body = ServiceBehaviour.account(prefix + "x" + bad + "y", "1");
            Answer first = client.post("/accounts", ADMIN_KEY, body);
            Answer again = client.post("/accounts", ADMIN_KEY, body);

            assertThat(first.status()).as(body).isEqualTo(400);
            assertThat(first.json().get("field").asString()).isEqualTo("user_id");
            assertThat(again.status()).as("nothing was opened by %s", body).isEqualTo(400);
        }
        Answer opened = client.post("/accounts", ADMIN_KEY, ServiceBehaviour.account(prefix + "ok@bank.example", "1"));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("Location")).isEqualTo("/accounts/" + prefix + "ok@bank.example");
    }

    @Test
    void aRuleFileTooBigForStorageOrWithATagIsRefusedAndTheRulesStay() {
        String active = client.get("/rules", ANALYST_KEY).json().get("version").asString();
        String file = RuleFile.format(GOOD.definition());
        String longCode = file.replaceFirst("reason_code: \"?[A-Z0-9_]+\"?", "reason_code: " + "A".repeat(5_000));
        assertThat(longCode).as("the file has a reason code to lengthen").isNotEqualTo(file);

        Answer tooLong = client.sendText("PUT", "/rules", ADMIN_KEY, longCode);
        Answer tagged = client.sendText("PUT", "/rules", ADMIN_KEY, "!!map\n" + file);
        Answer custom = client.sendText("PUT", "/rules", ADMIN_KEY, "--- !foo\n" + file);

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asString()).contains("reason_code: is 5000 characters long");
        assertThat(tooLong.json().get("field").asString()).isEqualTo("rules[0].reason_code");
        assertThat(tagged.status()).isEqualTo(400);
        assertThat(tagged.json().get("detail").asString()).contains("YAML tag");
        assertThat(tagged.json().get("field").asString()).isEqualTo("body");
        assertThat(custom.status()).isEqualTo(400);
        assertThat(client.get("/rules", ANALYST_KEY).json().get("version").asString())
                .isEqualTo(active);
        assertThat(detect(prefix + "still", "2026-01-14T16:00:00Z").status()).isEqualTo(200);
    }

    private Answer detect(String id, String time) {
        return client.post("/detect", INGEST_KEY, ServiceBehaviour.transaction(id, prefix + "u", "5", time));
    }
}
