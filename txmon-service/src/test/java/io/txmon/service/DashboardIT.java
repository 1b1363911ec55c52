package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real headless Chromium (Debian's, driven through its chromedriver): an analyst signs in, reads
 * the numbers, reviews an alert, and the page's screenshot is kept in {@code target/dashboard.png}; the API
 * documentation opens too, and the Content-Security-Policy blocks nothing any of them needs. Skipped loudly
 * where Chromium is not installed, except when {@code CI=true}, where it fails.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + ServiceClient.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
class DashboardIT {
    @RegisterExtension
    final HeadlessChromium chromium = new HeadlessChromium();

    @LocalServerPort
    int port;

    private WebDriver browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-dashboard");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium.browser();
    }

    @Test
    void anAnalystSignsInReadsTheNumbersAndClosesAnAlertAsAFalsePositive() throws Exception {
        ServiceClient client = new ServiceClient(port);
        for (int i = 0; i < 12; i++) {
            client.post(
                    "/detect",
                    INGEST_KEY,
                    ServiceBehaviour.transaction(
                            "d" + i, "acct" + (i % 3), String.valueOf(20 + i), "2026-11-20T1" + (i % 10) + ":00:00Z"));
        }
        client.post("/detect", INGEST_KEY, """
                {"transaction_id": "big", "user_id": "acct9", "amount": 50000, "type": "TRANSFER",
                 "counterparty_id": "x", "merchant_id": "m1", "timestamp": "2026-11-21T03:00:00Z"}""");
        client.post("/analytics/refresh", ADMIN_KEY, "");
        long alerts = client.get("/alerts?status=OPEN", ANALYST_KEY).json().size();
        assertThat(alerts).isPositive();
        var budget = client.get("/analytics/alert-rate?days=7", ANALYST_KEY).json();
        assertThat(budget.path("budget").asString()).isEqualTo("1%");
        assertThat(budget.path("days")).hasSize(2);
        assertThat(budget.path("days").get(0).path("decided").asLong()
                        + budget.path("days").get(1).path("decided").asLong())
                .isEqualTo(13);
        assertThat(budget.path("days").get(1).path("reviews").asLong()
                        + budget.path("days").get(1).path("blocks").asLong()
                        + budget.path("days").get(0).path("reviews").asLong()
                        + budget.path("days").get(0).path("blocks").asLong())
                .isEqualTo(alerts);

        browser.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-key")));
        browser.findElement(By.id("login-key")).sendKeys("not-a-valid-key-at-all");
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "That key is not valid."));

        WebElement key = browser.findElement(By.id("login-key"));
        key.clear();
        key.sendKeys(ANALYST_KEY);
        browser.findElement(By.id("login-submit")).click();
        wait.until(driver -> driver.findElement(By.tagName("body")).getDomAttribute("data-loaded") != null);

        assertThat(browser.findElement(By.id("total-transactions")).getText()).isEqualTo("13");
        assertThat(browser.findElement(By.id("total-anomalies")).getText()).isEqualTo(String.valueOf(alerts));
        assertThat(browser.findElement(By.id("latest-run")).getText()).contains("http-api", "RUNNING", "13 inserted");
        assertThat(browser.findElement(By.id("chart-volume")).getDomAttribute("data-points"))
                .isNotEqualTo("0");
        assertThat(browser.findElement(By.id("top-accounts")).getText()).contains("acct9");
        assertThat(browser.findElement(By.id("alert-budget")).getText()).contains("Budget in force: 1%");
        assertThat(browser.findElement(By.id("alert-rate")).getText()).contains("2026-11-20", "2026-11-21", "0.6");
        List<WebElement> rows = browser.findElements(By.cssSelector("#alert-queue tbody tr"));
        assertThat(rows).hasSize((int) alerts);
        WebElement first = rows.get(0);
        String alertId = first.getDomAttribute("data-alert-id");

        first.findElement(By.cssSelector("button[data-action=false-positive]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-message"), "not fraud"));
        // The message comes first, then the queue is read again.
        wait.until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#alert-queue tbody tr[data-alert-id='" + alertId + "']"), 0));

        assertThat(client.get("/alerts/" + alertId, ANALYST_KEY)
                        .json()
                        .get("alert")
                        .get("label")
                        .asString())
                .isEqualTo("FALSE_POSITIVE");
        chromium.screenshot("dashboard.png");
        assertThat(chromium.blockedByContentSecurityPolicy()).isEmpty();
    }

    @Test
    void swaggerUiAndRedocOpenWithoutAKeyPromptAndNothingOfThemIsBlocked() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get("http://127.0.0.1:" + port + "/docs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
        assertThat(browser.findElement(By.cssSelector(".swagger-ui .info .title"))
                        .getText())
                .contains("txmon");
        assertThat(browser.findElements(By.cssSelector(".swagger-ui .btn.authorize")))
                .as("an Authorize button, for the X-API-Key header")
                .isNotEmpty();

        browser.get("http://127.0.0.1:" + port + "/redoc");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1")));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).contains("txmon");

        assertThat(chromium.blockedByContentSecurityPolicy()).isEmpty();
    }
}
