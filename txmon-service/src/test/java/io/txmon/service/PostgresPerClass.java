package io.txmon.service;

import io.txmon.storage.TestDatabase;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * A PostgreSQL database of its own for each service test class: made before the class's Spring context starts, and
 * dropped by {@link Drop} once that context is closed (skipped loudly where no server answers, failing when
 * {@code CI=true}, as {@link TestDatabase} does).
 */
final class PostgresPerClass {
    /** The database each test class made, until it is dropped; a class that was skipped made none. */
    private static final Map<Class<?>, String> MADE = new ConcurrentHashMap<>();

    private PostgresPerClass() {}

    /** Makes a fresh database for {@code testClass} and gives its JDBC URL. */
    static String create(Class<?> testClass) {
        String name = "txmon_test_" + UUID.randomUUID().toString().replace("-", "");
        String url = TestDatabase.createPostgresDatabase(name);
        MADE.put(testClass, name);
        return url;
    }

    /** Drops the class's database after its context closed: listeners of the highest precedence finish last. */
    static final class Drop implements TestExecutionListener, Ordered {
        @Override
        public void afterTestClass(TestContext testContext) {
            String name = MADE.remove(testContext.getTestClass());
            if (name != null) {
                TestDatabase.dropPostgresDatabase(name);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
