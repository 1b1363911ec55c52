package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static io.txmon.service.ServiceClient.INGEST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.TestDatabase;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Who may call what, over real HTTP, whatever the method, the credentials, the content type or the Host header a
 * client sends. Pure HTTP security, so one engine (H2) is enough.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + AccessControlIT.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AccessControlIT {
    /** A key with the ADMIN role alone: what it may do beyond changes comes from the role hierarchy. */
    static final String ADMIN_ONLY_KEY = "admin-only-key-0123456789-abcdef";

    static final String KEYS = ServiceClient.KEYS + ";" + ADMIN_ONLY_KEY + ":ADMIN";

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @LocalServerPort
    int port;

    ServiceClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-access");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }

    @BeforeEach
    void connect() {
        client = new ServiceClient(port);
    }

    @Test
    void everyMethodOnEveryEndpointIsRefusedWithoutTheRoleAndServedWithIt() {
        Set<String> ingest = Set.of("INGEST");
        Set<String> analyst = Set.of("ANALYST", "ADMIN");
        Set<String> admin = Set.of("ADMIN");
        Set<String> payer = Set.of("INGEST", "ANALYST", "ADMIN");
        // Each documented endpoint (docs/service.md) with the roles its documented methods need; HEAD as GET.
        Map<String, Map<String, Set<String>>> endpoints = new LinkedHashMap<>();
        endpoints.put("/detect", Map.of("POST", ingest));
        endpoints.put("/detect/batch", Map.of("POST", ingest));
        endpoints.put("/payments", Map.of("POST", ingest));
        endpoints.put("/payments/p-none", Map.of("GET", payer));
        endpoints.put("/accounts", Map.of("POST", admin));
        endpoints.put("/accounts/acct-none", Map.of("GET", analyst));
        endpoints.put("/accounts/acct-none/ledger", Map.of("GET", analyst));
        endpoints.put("/transactions/count", Map.of("GET", analyst));
        endpoints.put("/anomalies/count", Map.of("GET", analyst));
        endpoints.put("/ingestion/status", Map.of("GET", analyst));
        endpoints.put("/ingestion/rejected", Map.of("GET", analyst));
        endpoints.put("/analytics/hourly", Map.of("GET", analyst));
        endpoints.put("/analytics/spending/monthly", Map.of("GET", analyst));
        endpoints.put("/analytics/risk/merchants", Map.of("GET", analyst));
        endpoints.put("/analytics/accounts/acct-none/five-minute", Map.of("GET", analyst));
        endpoints.put("/analytics/refresh", Map.of("POST", admin));
        endpoints.put("/alerts", Map.of("GET", analyst));
        endpoints.put("/alerts/precision", Map.of("GET", analyst));
        endpoints.put("/alerts/999999", Map.of("GET", analyst, "PATCH", analyst));
        endpoints.put("/labels", Map.of("POST", analyst));
        endpoints.put("/rules", Map.of("GET", analyst, "PUT", admin));
        endpoints.put("/rules/versions", Map.of("GET", analyst));
        endpoints.put("/rules/backtest", Map.of("POST", admin));
        endpoints.put("/models", Map.of("GET", analyst));
        endpoints.put("/models/train", Map.of("POST", admin));
        endpoints.put("/models/active", Map.of("PUT", admin));
        endpoints.put("/models/supervised", Map.of("GET", analyst));
        endpoints.put("/models/supervised/train", Map.of("POST", admin));
        endpoints.put("/models/supervised/active", Map.of("PUT", admin));
        endpoints.put("/models/shadow", Map.of("GET", analyst, "PUT", admin, "DELETE", admin));
        endpoints.put("/models/999999/shadow", Map.of("GET", analyst));
        endpoints.put("/actuator/prometheus", Map.of("GET", analyst));
        endpoints.put("/actuator/metrics", Map.of("GET", analyst));
        endpoints.put("/error", Map.of());
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("NONE", null);
        credentials.put("INGEST", INGEST_KEY);
        credentials.put("ANALYST", ANALYST_KEY);
        credentials.put("ADMIN", ADMIN_ONLY_KEY);

        List<String> wrong = new ArrayList<>();
        endpoints.forEach((path, roles) -> {
            for (String method : METHODS) {
                Set<String> allowed = roles.getOrDefault(method.equals("HEAD") ? "GET" : method, Set.of());
                credentials.forEach((role, key) -> {
                    Answer answer =
                            client.exactly(method, path, key == null ? Map.of() : Map.of("X-API-Key", key), null);
                    int status = answer.status();
                    boolean refused = status == 401 || status == 403;
                    String call = method + " " + path + " as " + role + ": " + status;
                    if (allowed.contains(role)) {
                        if (refused || status >= 500) {
                            wrong.add(call + ", should be served");
                        }
                    } else if (status != (key == null ? 401 : 403)) {
                        wrong.add(call + ", should be " + (key == null ? 401 : 403));
                    } else if (!method.equals("HEAD") && !answer.contentType().startsWith("application/problem+json")) {
                        wrong.add(call + " as " + answer.contentType() + ", should be a problem");
                    }
                });
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(client.get("/alerts", ADMIN_ONLY_KEY).status()).isEqualTo(200);
        assertThat(client.exactly("HEAD", "/rules", Map.of("X-API-Key", ANALYST_KEY), null)
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(client.exactly("HEAD", "/actuator/health", Map.of(), null).status())
                .isEqualTo(200);
    }

    @Test
    void anAdminKeyAloneReviewsAlertsAsTheDocsGiveAdminEveryAnalystRight() {
        client.post("/detect", INGEST_KEY, """
                {"transaction_id": "adm-big", "user_id": "adm-mule", "amount": 50000, "type": "TRANSFER",
                 "counterparty_id": "adm-x", "timestamp": "2026-01-14T03:00:00Z"}""");
        JsonNode queue = client.get("/alerts?user_id=adm-mule", ADMIN_ONLY_KEY).json();
        assertThat(queue.size()).isOne();

        Answer reviewed = client.send(
                "PATCH",
                "/alerts/" + queue.get(0).get("alert_id").asLong(),
                ADMIN_ONLY_KEY,
                "{\"status\": \"IN_REVIEW\"}");

        assertThat(reviewed.status()).isEqualTo(200);
        assertThat(reviewed.json().get("alert").get("status").asString()).isEqualTo("IN_REVIEW");
        Answer detect = client.post("/detect", ADMIN_ONLY_KEY, "{}");
        assertThat(detect.status()).as("ADMIN does not include INGEST").isEqualTo(403);
        assertThat(detect.json().get("field").asString()).isEqualTo("X-API-Key");
    }

    @Test
    void aKeyGivenAsABasicPasswordIsNoKeyAndNoAnswerAsksABrowserForOne() {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString(("x:" + ADMIN_KEY).getBytes(StandardCharsets.UTF_8));

        // What a cross-site form post could send once a browser had been given the key at a Basic prompt.
        Answer train = client.exactly(
                "POST",
                "/models/train",
                Map.of("Authorization", basic, "Content-Type", "application/x-www-form-urlencoded"),
                "seed=1");
        Answer read = client.exactly("GET", "/alerts", Map.of("Authorization", basic), null);
        Answer none = client.get("/alerts", null);

        for (Answer answer : List.of(train, read, none)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("field").asString()).isEqualTo("X-API-Key");
            assertThat(answer.headers().allValues("WWW-Authenticate"))
                    .noneMatch(challenge -> challenge.regionMatches(true, 0, "Basic", 0, 5));
        }
    }

    @Test
    void formAndTextBodiesAreRefusedWith415NamingTheContentTypeButRuleFilesMayBeText() {
        Answer form = client.exactly(
                "POST",
                "/models/train",
                Map.of("X-API-Key", ADMIN_KEY, "Content-Type", "application/x-www-form-urlencoded"),
                "seed=1");
        Answer multipart = client.exactly(
                "POST",
                "/models/train",
                Map.of("X-API-Key", ADMIN_KEY, "Content-Type", "multipart/form-data; boundary=b"),
                "--b--");
        Answer text =
                client.exactly("POST", "/detect", Map.of("X-API-Key", INGEST_KEY, "Content-Type", "text/plain"), "{}");

        assertThat(form.status()).isEqualTo(415);
        assertThat(form.contentType()).startsWith("application/problem+json");
        assertThat(form.json().get("detail").asString()).contains("application/x-www-form-urlencoded");
        assertThat(form.json().get("field").asString()).isEqualTo("Content-Type");
        assertThat(multipart.status()).isEqualTo(415);
        assertThat(multipart.json().get("detail").asString()).contains("multipart/form-data");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("detail").asString()).contains("text/plain");

        String ruleFile =
                client.get("/rules", ADMIN_KEY).json().get("rule_file").asString();
        Answer backtest = client.exactly(
                "POST", "/rules/backtest", Map.of("X-API-Key", ADMIN_KEY, "Content-Type", "text/plain"), ruleFile);
        assertThat(backtest.status()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutAKeyIsRefusedBeforeItsBodyIsReadAndErrorIsNoEndpoint(CapturedOutput output) {
        int logged = output.getAll().length();
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

        Answer anonymous = client.exactly("PUT", "/x", form, "a=%zz");
        Answer keyed = client.exactly(
                "PUT", "/x", Map.of("Content-Type", form.get("Content-Type"), "X-API-Key", ADMIN_KEY), "a=%zz");
        Answer keyedPatch = client.exactly(
                "PATCH",
                "/alerts/1",
                Map.of("Content-Type", form.get("Content-Type"), "X-API-Key", ANALYST_KEY),
                "a=%zz");
        Answer error = client.get("/error", null);
        Answer errorWithKey = client.get("/error", ADMIN_KEY);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(keyed.status()).isBetween(400, 499);
        assertThat(keyedPatch.status()).isEqualTo(415);
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.contentType()).startsWith("application/problem+json");
        assertThat(errorWithKey.status()).isBetween(400, 499);
        assertThat(output.getAll().substring(logged)).doesNotContain("stack_trace", "Exception");
    }

    @Test
    void redirectsAreRelativeWhateverHostTheClientNames() throws IOException {
        for (String path : List.of("/", "/docs")) {
            String answer = rawGet(path, "evil.example");

            assertThat(answer).startsWith("HTTP/1.1 302");
            Matcher location = Pattern.compile("(?im)^Location: *(\\S*)").matcher(answer);
            assertThat(location.find()).as("%s redirects", path).isTrue();
            assertThat(location.group(1))
                    .as("%s redirects", path)
                    .startsWith("/")
                    .doesNotContain("evil.example");
        }
    }

    @Test
    void everyAnswerForbidsFramingForeignOrInlineScriptAndReferrers() {
        for (Answer answer : List.of(
                client.get("/dashboard", null),
                client.get("/dashboard/dashboard.js", null),
                client.get("/alerts", null),
                client.get("/alerts", ANALYST_KEY),
                client.get("/docs", null))) {
            String policy = answer.header("Content-Security-Policy");
            assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
            assertThat(policy).containsPattern("script-src 'self'(;|$)");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void refusalsAreLoggedWithTheKeysFingerprintAndTheAddressButNeverTheKey(CapturedOutput output) {
        String unknown = "unknown-key-0123456789-abcdef";
        int logged = output.getAll().length();

        assertThat(client.get("/alerts?limit=3", INGEST_KEY).status()).isEqualTo(403);
        assertThat(client.send("DELETE", "/rules", unknown, null).status()).isEqualTo(401);
        assertThat(client.get("/models", null).status()).isEqualTo(401);

        String log = output.getAll().substring(logged);
        assertThat(log)
                .contains("refused 403 GET /alerts from 127.0.0.1 with API key " + fingerprint(INGEST_KEY))
                .contains("refused 401 DELETE /rules from 127.0.0.1 with API key " + fingerprint(unknown))
                .contains("refused 401 GET /models from 127.0.0.1 with no API key")
                .contains("WARN")
                .doesNotContain(INGEST_KEY, unknown);
    }

    @Test
    void theOpenApiDocumentIsPublicAndDescribesTheKeyAsAnXApiKeyHeader() {
        Answer document = client.get("/v3/api-docs", null);

        assertThat(document.status()).isEqualTo(200);
        JsonNode schemes = document.json().get("components").get("securitySchemes");
        assertThat(schemes.size()).isOne();
        JsonNode scheme = schemes.values().iterator().next();
        assertThat(scheme.get("type").asString()).isEqualTo("apiKey");
        assertThat(scheme.get("in").asString()).isEqualTo("header");
        assertThat(scheme.get("name").asString()).isEqualTo("X-API-Key");
        assertThat(document.json()
                        .get("security")
                        .get(0)
                        .has(schemes.propertyNames().iterator().next()))
                .isTrue();
    }

    private String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String fingerprint(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
