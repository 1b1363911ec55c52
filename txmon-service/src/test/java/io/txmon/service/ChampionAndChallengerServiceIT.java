package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Champion and challenger over real HTTP, on H2: the champion is the shipped rule set; the challenger is kept as a
 * version of its own (a rule set that sees every amount above 5 as high, and reviews from 0.01), so it flags every
 * transaction sent, while the champion flags only the large transfer.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + ServiceClient.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChampionAndChallengerServiceIT {
    private static final int SMALL = 10;

    /** The challenger's rule set version, kept once for all the tests of this context. */
    private static String challengerRules;

    @LocalServerPort
    int port;

    ServiceClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-shadow-h2");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }

    @BeforeEach
    void aChallengerRuleSetKeptBesideTheActiveOne() {
        client = new ServiceClient(port);
        if (challengerRules != null) {
            return;
        }
        String defaults =
                client.get("/rules", ANALYST_KEY).json().get("rule_file").asString();
        Answer kept = client.sendText(
                "PUT",
                "/rules",
                ADMIN_KEY,
                defaults.replaceFirst("high_amount: 10000", "high_amount: 5")
                        .replaceFirst("review_at: 0.6", "review_at: 0.01")
                        .replaceFirst("review_floor: 0.3", "review_floor: 0.01")
                        .replaceFirst("name: ([\\w-]+)", "name: $1-challenger"));
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        challengerRules = kept.json().get("version").asString();
        Answer back = client.sendText("PUT", "/rules", ADMIN_KEY, defaults);
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("version").asString()).isNotEqualTo(challengerRules);
    }

    @Test
    @Order(1)
    void anAdminStartsAChallengerThatFlagsMoreWithoutChangingADecisionAndAnAnalystComparesThem() {
        assertThat(client.get("/models/shadow", ANALYST_KEY).status()).isEqualTo(204);
        String body = "{\"rule_set_version\": \"" + challengerRules + "\"}";
        assertThat(client.send("PUT", "/models/shadow", ANALYST_KEY, body).status())
                .as("an analyst reads, but does not change")
                .isEqualTo(403);

        Answer started = client.send("PUT", "/models/shadow", ADMIN_KEY, body);

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        long id = started.json().get("id").asLong();
        assertThat(started.json().get("rule_set_version").asString()).isEqualTo(challengerRules);
        assertThat(started.json().get("started_by").asString()).isNotBlank();
        assertThat(client.get("/models/shadow", ANALYST_KEY).json().get("id").asLong())
                .isEqualTo(id);

        for (int i = 0; i < SMALL; i++) {
            Answer small = client.post(
                    "/detect",
                    INGEST_KEY,
                    ServiceBehaviour.transaction(
                            "s" + i, "acct" + (i % 3), String.valueOf(20 + i), "2026-11-20T1" + i + ":00:00Z"));
            assertThat(small.status()).as(small.body()).isEqualTo(200);
            assertThat(small.json().get("recommendation").asString())
                    .as("the champion decides alone")
                    .isEqualTo("APPROVE");
        }
        Answer big = client.post("/detect", INGEST_KEY, """
                {"transaction_id": "big", "user_id": "acct9", "amount": 50000, "type": "TRANSFER",
                 "counterparty_id": "x", "merchant_id": "m1", "timestamp": "2026-11-21T03:00:00Z"}""");
        assertThat(big.json().get("recommendation").asString()).isNotEqualTo("APPROVE");
        assertThat(client.get("/alerts?status=OPEN", ANALYST_KEY).json().size())
                .as("the challenger's decisions open no alert")
                .isEqualTo(1);
        Answer labelled = client.post("/labels", ANALYST_KEY, """
                [{"transaction_id": "big", "label": 1, "typology": "fraud"},
                 {"transaction_id": "s0", "label": 0}]""");
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);

        Answer compared = client.get("/models/" + id + "/shadow", ANALYST_KEY);

        assertThat(compared.status()).as(compared.body()).isEqualTo(200);
        JsonNode comparison = compared.json();
        assertThat(comparison.get("decided").asLong()).isEqualTo(SMALL + 1);
        assertThat(comparison.get("challenger").get("id").asLong()).isEqualTo(id);
        assertThat(comparison.get("agreement").get("same_outcome").asLong()).isOne();
        assertThat(comparison.get("agreement").get("outcome_share").asDouble()).isEqualTo(1.0 / (SMALL + 1));
        assertThat(comparison.get("champion").get("alerts").asLong()).isOne();
        assertThat(comparison.get("shadow").get("alerts").asLong()).isEqualTo(SMALL + 1);
        assertThat(comparison.get("shadow").get("alert_share").asDouble()).isEqualTo(1.0);
        assertThat(comparison.get("labelled").asLong()).isEqualTo(2);
        assertThat(comparison.get("champion").get("labelled_alerts").asLong()).isOne();
        assertThat(comparison.get("champion").get("precision").asDouble()).isEqualTo(1.0);
        assertThat(comparison.get("shadow").get("labelled_alerts").asLong()).isEqualTo(2);
        assertThat(comparison.get("shadow").get("precision").asDouble()).isEqualTo(0.5);

        assertThat(client.send("DELETE", "/models/shadow", ANALYST_KEY, null).status())
                .isEqualTo(403);
        Answer stopped = client.send("DELETE", "/models/shadow", ADMIN_KEY, null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().get("stopped_at").isNull()).isFalse();
        assertThat(client.get("/models/shadow", ANALYST_KEY).status()).isEqualTo(204);
        assertThat(client.send("DELETE", "/models/shadow", ADMIN_KEY, null).status())
                .isEqualTo(204);
        assertThat(client.get("/models/" + id + "/shadow", ANALYST_KEY)
                        .json()
                        .get("decided")
                        .asLong())
                .as("a stopped challenger's comparison is kept")
                .isEqualTo(SMALL + 1);
    }

    @Test
    @Order(2)
    void aChallengerThatNamesNothingKeptIsRefusedNamingTheField() {
        assertField(client.send("PUT", "/models/shadow", ADMIN_KEY, "{}"), 400, "model_version");
        assertField(
                client.send("PUT", "/models/shadow", ADMIN_KEY, "{\"model_version\": \"if-none\"}"),
                404,
                "model_version");
        assertField(
                client.send("PUT", "/models/shadow", ADMIN_KEY, "{\"rule_set_version\": \"0123456789abcdef\"}"),
                404,
                "rule_set_version");
        assertField(
                client.send("PUT", "/models/shadow", ADMIN_KEY, "{\"supervised_model_version\": \"sl-none\"}"),
                404,
                "supervised_model_version");
        assertField(client.get("/models/999999/shadow", ANALYST_KEY), 404, "id");
        assertField(client.get("/models/not-a-number/shadow", ANALYST_KEY), 404, "id");
        assertThat(client.get("/models/shadow", ANALYST_KEY).status()).isEqualTo(204);
    }

    private static void assertField(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asString()).isEqualTo(field);
    }
}
