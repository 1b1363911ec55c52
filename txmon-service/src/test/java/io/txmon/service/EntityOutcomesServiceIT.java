package io.txmon.service;

import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.TestDatabase;
import io.txmon.testkit.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outcomes sent to {@code POST /labels} reach the entity states of {@code POST /detect} once known, over real HTTP, on
 * H2: a rule set that flags a merchant with fraud known in the last 30 days, and a label delay of one day.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "txmon.api-keys=" + ServiceClient.KEYS,
            "txmon.analytics.refresh-every=1h",
            "txmon.drift.enabled=false",
            "txmon.retraining.label-delay=1d"
        })
@DirtiesContext
class EntityOutcomesServiceIT {
    private static final String KNOWN_FRAUD = "MERCHANT_KNOWN_FRAUD";

    @LocalServerPort
    int port;

    ServiceClient client;

    @DynamicPropertySource
    static void databaseAndRules(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-entity-outcomes-h2");
        Path rules = Files.writeString(folder.resolve("known-fraud.yaml"), RuleFiles.MERCHANT_KNOWN_FRAUD);
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
        registry.add("txmon.rules", rules::toString);
    }

    @BeforeEach
    void client() {
        client = new ServiceClient(port);
    }

    @Test
    void aLabelSentToTheServiceCountsAtItsMerchantFromTheInstantItIsKnownAndNotBefore() {
        assertThat(codes(detect("d-first", "m-dated", "2026-03-02T10:00:00Z"))).doesNotContain(KNOWN_FRAUD);
        assertThat(codes(detect("u-first", "m-undated", "2026-03-02T10:00:00Z")))
                .doesNotContain(KNOWN_FRAUD);
        Answer labelled = client.post("/labels", ANALYST_KEY, """
                [{"transaction_id": "d-first", "label": 1, "labelled_at": "2026-03-02T12:00:00Z"},
                 {"transaction_id": "u-first", "label": 1}]""");
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);

        List<String> beforeDated = codes(detect("d-before", "m-dated", "2026-03-02T11:00:00Z"));
        List<String> afterDated = codes(detect("d-after", "m-dated", "2026-03-02T13:00:00Z"));
        List<String> beforeUndated = codes(detect("u-before", "m-undated", "2026-03-03T09:00:00Z"));
        List<String> elsewhere = codes(detect("other", "m-other", "2026-03-03T10:30:00Z"));
        List<String> afterUndated = codes(detect("u-after", "m-undated", "2026-03-03T11:00:00Z"));

        assertThat(beforeDated).as("an hour before the label's labelled_at").doesNotContain(KNOWN_FRAUD);
        assertThat(afterDated).as("an hour after it").contains(KNOWN_FRAUD);
        assertThat(beforeUndated).as("an undated label, before the day's delay").doesNotContain(KNOWN_FRAUD);
        assertThat(elsewhere).as("another merchant").doesNotContain(KNOWN_FRAUD);
        assertThat(afterUndated).as("after the day's delay").contains(KNOWN_FRAUD);
    }

    private Answer detect(String id, String merchant, String at) {
        Answer answer = client.post("/detect", INGEST_KEY, """
                {"transaction_id": "%s", "user_id": "acct-%s", "amount": 25, "type": "CARD",
                 "merchant_id": "%s", "timestamp": "%s"}""".formatted(id, id, merchant, at));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static List<String> codes(Answer answer) {
        List<String> codes = new ArrayList<>();
        answer.json().get("reason_codes").forEach(code -> codes.add(code.asString()));
        return codes;
    }
}
