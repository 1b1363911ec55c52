package io.txmon.service;

import io.txmon.storage.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The error contract on PostgreSQL, in a database made for this class and dropped after it (skipped loudly where no server
 * answers, failing when {@code CI=true}).
 */
@TestExecutionListeners(
        listeners = PostgresErrorContractIT.DropDatabase.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PostgresErrorContractIT extends ErrorContractBehaviour {
    private static String name;
    private static String url;

    @BeforeAll
    static void createDatabase() {
        name = "txmon_test_" + UUID.randomUUID().toString().replace("-", "");
        url = TestDatabase.createPostgresDatabase(name);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("txmon.db.url", () -> url);
    }

    /** Drops the database once the class's context is closed: listeners of the highest precedence finish last. */
    static final class DropDatabase implements TestExecutionListener, Ordered {
        @Override
        public void afterTestClass(TestContext testContext) {
            if (url != null) {
                TestDatabase.dropPostgresDatabase(name);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
