package io.txmon.service;

import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service on the embedded H2, in a folder of its own. */
class H2ServiceIT extends ServiceBehaviour {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-service-h2");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }
}
