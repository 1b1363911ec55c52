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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's champion and challenger card in a real headless Chromium, as {@link DashboardIT} drives it: an
 * analyst reads the running challenger and its comparison with the champion, and the page's screenshot is kept in
 * {@code target/dashboard-shadow.png}. Skipped loudly where Chromium is not installed, except when {@code CI=true},
 * where it fails.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + ServiceClient.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
class ChampionAndChallengerDashboardIT {
    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @LocalServerPort
    int port;

    private WebDriver browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-dashboard-shadow");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium.browser();
    }

    @Test
    void anAnalystReadsTheRunningChallengerAndHowItComparesWithTheChampion() throws Exception {
        ServiceClient client = new ServiceClient(port);
        String defaults =
                client.get("/rules", ANALYST_KEY).json().get("rule_file").asString();
        String challenger = client.sendText(
                        "PUT",
                        "/rules",
                        ADMIN_KEY,
                        defaults.replaceFirst("high_amount: 10000", "high_amount: 5")
                                .replaceFirst("review_at: 0.6", "review_at: 0.01")
                                .replaceFirst("review_floor: 0.3", "review_floor: 0.01")
                                .replaceFirst("name: ([\\w-]+)", "name: $1-challenger"))
                .json()
                .get("version")
                .asString();
        assertThat(client.sendText("PUT", "/rules", ADMIN_KEY, defaults).status())
                .isEqualTo(200);
        Answer started =
                client.send("PUT", "/models/shadow", ADMIN_KEY, "{\"rule_set_version\": \"" + challenger + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            client.post(
                    "/detect",
                    INGEST_KEY,
                    ServiceBehaviour.transaction(
                            "d" + i, "acct" + i, String.valueOf(20 + i), "2026-11-20T1" + i + ":00:00Z"));
        }
        client.post("/detect", INGEST_KEY, """
                {"transaction_id": "big", "user_id": "acct9", "amount": 50000, "type": "TRANSFER",
                 "counterparty_id": "x", "merchant_id": "m1", "timestamp": "2026-11-21T03:00:00Z"}""");
        client.post("/labels", ANALYST_KEY, "[{\"transaction_id\": \"big\", \"label\": 1, \"typology\": \"fraud\"}]");

        browser.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-key")));
        browser.findElement(By.id("login-key")).sendKeys(ANALYST_KEY);
        browser.findElement(By.id("login-submit")).click();
        wait.until(driver -> driver.findElement(By.tagName("body")).getDomAttribute("data-loaded") != null);

        assertThat(browser.findElement(By.id("shadow-challenger")).getText())
                .contains(
                        "Challenger " + started.json().get("id").asLong(),
                        "rule set " + challenger,
                        "model none",
                        "supervised model the champion's");
        assertThat(browser.findElement(By.cssSelector("#shadow-comparison tr[data-side=champion]"))
                        .getText())
                .isEqualTo("champion 1 25.0 % 1 100.0 %");
        assertThat(browser.findElement(By.cssSelector("#shadow-comparison tr[data-side=challenger]"))
                        .getText())
                .isEqualTo("challenger 4 100.0 % 1 100.0 %");
        assertThat(browser.findElement(By.id("shadow-agreement")).getText())
                .startsWith("Both decided 4 transactions: 25.0 % the same outcome (flagged or not)")
                .endsWith("the same recommendation; 1 labelled.");
        chromium.screenshot("dashboard-shadow.png");
        assertThat(chromium.blockedByContentSecurityPolicy()).isEmpty();
    }
}
