package io.txmon.service.durability;

import io.txmon.storage.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Crash recovery on PostgreSQL, in a database made for the test and dropped after it (skipped loudly where no server
 * answers, failing when {@code CI=true}).
 */
class PostgresCrashRecoveryIT extends CrashRecovery {
    private final String name = "txmon_test_" + UUID.randomUUID().toString().replace("-", "");
    private String url;

    @BeforeEach
    void createDatabase() {
        url = TestDatabase.createPostgresDatabase(name);
    }

    @AfterEach
    void dropDatabase() {
        if (url != null) {
            TestDatabase.dropPostgresDatabase(name);
        }
    }

    @Override
    String engine() {
        return "PostgreSQL";
    }

    @Override
    String databaseUrl() {
        return url;
    }
}
