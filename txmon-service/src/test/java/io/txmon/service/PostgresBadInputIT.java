package io.txmon.service;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/** Bad input on PostgreSQL, in a database of its own ({@link PostgresPerClass}). */
@TestExecutionListeners(
        listeners = PostgresPerClass.Drop.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class PostgresBadInputIT extends BadInputBehaviour {
    private static String url;

    @BeforeAll
    static void createDatabase() throws Exception {
        url = PostgresPerClass.create(PostgresBadInputIT.class);
        keepABadRuleSetAfterAGoodOne(url);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("txmon.db.url", () -> url);
    }
}
