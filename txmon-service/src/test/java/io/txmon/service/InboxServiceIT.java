package io.txmon.service;

import static io.txmon.service.ServiceClient.ANALYST_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The inbox read on a cron expression of the configuration (here every second), through the service. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "txmon.api-keys=" + ServiceClient.KEYS,
            "txmon.inbox.cron=* * * * * *",
            "txmon.analytics.refresh-every=1h"
        })
@DirtiesContext
class InboxServiceIT {
    private static Path inbox;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws Exception {
        Path db = Files.createTempDirectory("txmon-inbox-db");
        inbox = Files.createTempDirectory("txmon-inbox");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(db));
        registry.add("txmon.inbox.path", inbox::toString);
    }

    @Test
    void aFileDroppedIntoTheInboxIsDecidedOnScheduleOnceAndItsBadRowsAreKeptAndCounted() throws Exception {
        ServiceClient client = new ServiceClient(port);
        Files.writeString(inbox.resolve("2026-03-01.csv"), """
                transaction_id,timestamp,user_id,amount
                i2,2026-03-01T10:05:00Z,acct1,12.00
                i1,2026-03-01T10:00:00Z,acct1,10.00
                i3,2026-03-01T10:10:00Z,acct2,not-a-number
                i1,2026-03-01T10:00:00Z,acct1,10.00
                """);

        JsonNode source = awaitSource(client, Duration.ofSeconds(20));

        assertThat(source.get("last_file").asString()).isEqualTo("2026-03-01.csv");
        assertThat(source.get("watermark").asString()).isEqualTo("2026-03-01T10:05:00Z");
        assertThat(client.get("/transactions/count?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z", ANALYST_KEY)
                        .json()
                        .get("transactions")
                        .asLong())
                .isEqualTo(2);
        JsonNode account = client.get("/accounts/acct1", ANALYST_KEY).json();
        assertThat(account.get("recent_decisions").get(0).get("transaction_id").asString())
                .as("decided in event-time order")
                .isEqualTo("i2");
        JsonNode rejected = client.get("/ingestion/rejected", ANALYST_KEY).json();
        assertThat(rejected.size()).isOne();
        assertThat(rejected.get(0).get("line").asLong()).isEqualTo(4);
        assertThat(rejected.get(0).get("reason").asString()).startsWith("amount:");
        assertThat(rejected.get(0).get("raw_text").asString()).contains("not-a-number");
        JsonNode run =
                client.get("/ingestion/status", ANALYST_KEY).json().get("runs").get(0);
        assertThat(run.get("source").asString()).isEqualTo("http-api");
        assertThat(run.get("read").asLong())
                .as("the file's rows count in the service's run")
                .isEqualTo(4);
        assertThat(run.get("inserted").asLong()).isEqualTo(2);
        assertThat(run.get("duplicates").asLong()).as("the repeated row").isOne();
        assertThat(run.get("rejected").asLong()).as("the bad row").isOne();
        Thread.sleep(2_500);
        assertThat(client.get("/transactions/count?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z", ANALYST_KEY)
                        .json()
                        .get("transactions")
                        .asLong())
                .as("a file read once is not read again")
                .isEqualTo(2);
    }

    private static JsonNode awaitSource(ServiceClient client, Duration patience) throws InterruptedException {
        Instant until = Instant.now().plus(patience);
        String folder = inbox.toAbsolutePath().normalize().toString();
        while (Instant.now().isBefore(until)) {
            for (JsonNode source :
                    client.get("/ingestion/status", ANALYST_KEY).json().get("sources")) {
                if (source.get("source").asString().equals(folder)) {
                    return source;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the inbox was not read within " + patience);
    }
}
