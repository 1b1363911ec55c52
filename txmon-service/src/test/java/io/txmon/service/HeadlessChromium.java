package io.txmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.opentest4j.TestAbortedException;

/**
 * A fresh headless Chromium (Debian's, driven through its chromedriver) for each test of a page: skipped loudly where
 * it is not installed, except when {@code CI=true}, where the test fails.
 */
final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** ReDoc's "API docs by Redocly" logo, fetched from its makers' site: blocking it is the policy doing its job. */
    private static final String REDOC_LOGO = "'https://cdn.redoc.ly/redoc/logo-mini.svg'";

    private WebDriver browser;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: the page tests must run)");
            }
            System.err.println("SKIPPED: " + message + "; " + context.getDisplayName() + " is skipped");
            throw new TestAbortedException(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1800",
                "--user-data-dir=" + Files.createTempDirectory("txmon-chromium"));
        // The console is where Chromium reports what the Content-Security-Policy blocked.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    WebDriver browser() {
        return browser;
    }

    /** Saves what the browser shows to {@code target/NAME}, for a reader of the build to look at. */
    void screenshot(String name) throws IOException {
        Path screenshot = Path.of("target", name);
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
    }

    /** What the Content-Security-Policy blocked since the browser started, but ReDoc's logo. */
    List<String> blockedByContentSecurityPolicy() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .filter(message -> !message.contains(REDOC_LOGO))
                .toList();
    }
}
