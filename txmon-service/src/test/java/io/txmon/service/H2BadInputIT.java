package io.txmon.service;

import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bad input on the embedded H2, in a folder of its own. */
class H2BadInputIT extends BadInputBehaviour {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String url = TestDatabase.h2Url(Files.createTempDirectory("txmon-service-h2"));
        keepABadRuleSetAfterAGoodOne(url);
        registry.add("txmon.db.url", () -> url);
    }
}
