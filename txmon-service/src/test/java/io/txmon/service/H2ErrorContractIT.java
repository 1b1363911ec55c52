package io.txmon.service;

import io.txmon.storage.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The error contract on the embedded H2, in a folder of its own. */
class H2ErrorContractIT extends ErrorContractBehaviour {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-errors-h2");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }
}
